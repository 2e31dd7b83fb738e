"""English: the words and patterns sitrep reads English news with (see ``sitrep.lang``)."""
