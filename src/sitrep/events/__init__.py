"""Stage 4: Article (+ parsed doc + places) → Events with type, actors, date, toll and evidence.

The work is done in ``extract`` (the sentence loop) and the modules it names; this is the face.
``model`` is the learned sentence classifier (``events.sentence_model.v1``) that serves the rules.
"""

from .extract import PRODUCER, Options, extract_events
from .model import Prediction, SentenceModel

__all__ = ["PRODUCER", "Options", "Prediction", "SentenceModel", "extract_events"]
