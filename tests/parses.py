"""Hand-built parses that several rule-test files read (one home, not copies): tokens as
``text head dep pos tag [lemma] [entity]`` rows for ``conftest.parsed``."""

# "No civilians were killed in Mopti."
NO_CIVILIANS = """
No 1 det DET DT
civilians 3 nsubjpass NOUN NNS civilian
were 3 auxpass AUX VBD be
killed 3 ROOT VERB VBN kill
in 3 prep ADP IN
Mopti 4 pobj PROPN NNP - GPE
. 3 punct PUNCT .
"""

# "Teachers held a protest in Accra on March 31."
PROTEST_ON_MARCH_31 = """
Teachers 1 nsubj NOUN NNS teacher
held 1 ROOT VERB VBD hold
a 3 det DET DT
protest 1 dobj NOUN NN
in 3 prep ADP IN
Accra 4 pobj PROPN NNP - GPE
on 1 prep ADP IN
March 6 pobj PROPN NNP - DATE
31 7 nummod NUM CD - DATE
. 1 punct PUNCT .
"""

# "Rebels seized the town of Bama on Sunday."
SEIZED_BAMA = """
Rebels 1 nsubj NOUN NNS rebel
seized 1 ROOT VERB VBD seize
the 3 det DET DT
town 1 dobj NOUN NN
of 3 prep ADP IN
Bama 4 pobj PROPN NNP - GPE
on 1 prep ADP IN
Sunday 6 pobj PROPN NNP - DATE
. 1 punct PUNCT .
"""

# "The company signed a deal with an insurer."
SIGNED_BUSINESS_DEAL = """
The 1 det DET DT
company 2 nsubj NOUN NN
signed 2 ROOT VERB VBD sign
a 4 det DET DT
deal 2 dobj NOUN NN
with 2 prep ADP IN
an 7 det DET DT
insurer 5 pobj NOUN NN
. 2 punct PUNCT .
"""

# "The government and the rebels signed a ceasefire."
SIGNED_CEASEFIRE = """
The 1 det DET DT
government 5 nsubj NOUN NN
and 1 cc CCONJ CC
the 4 det DET DT
rebels 1 conj NOUN NNS rebel
signed 5 ROOT VERB VBD sign
a 7 det DET DT
ceasefire 5 dobj NOUN NN
. 5 punct PUNCT .
"""

# "The insurgency has killed thousands of civilians since 2015." (a tally, not a happening)
TALLY = """
The 1 det DET DT
insurgency 3 nsubj NOUN NN
has 3 aux AUX VBZ have
killed 3 ROOT VERB VBN kill
thousands 3 dobj NOUN NNS thousand CARDINAL
of 4 prep ADP IN
civilians 5 pobj NOUN NNS civilian
since 3 prep SCONJ IN
2015 7 pobj NUM CD - DATE
. 3 punct PUNCT .
"""

# "Militants threatened the town and attacked the base." (a coordinated verb is not governed by its sibling)
THREATENED_AND_ATTACKED = """
Militants 1 nsubj NOUN NNS militant
threatened 1 ROOT VERB VBD threaten
the 3 det DET DT
town 1 dobj NOUN NN
and 1 cc CCONJ CC
attacked 1 conj VERB VBD attack
the 7 det DET DT
base 5 dobj NOUN NN
. 1 punct PUNCT .
"""

# "Rebels took the town without a fight."
WITHOUT_A_FIGHT = """
Rebels 1 nsubj NOUN NNS rebel
took 1 ROOT VERB VBD take
the 3 det DET DT
town 1 dobj NOUN NN
without 1 prep ADP IN
a 6 det DET DT
fight 4 pobj NOUN NN
. 1 punct PUNCT .
"""
