"""Stage 4: Article (+ parsed doc + places) → Events with type, actors, date, toll and evidence.

The work is done in ``extract`` (the sentence loop) and the modules it names; this is the face.
"""

from .extract import PRODUCER, Options, extract_events

__all__ = ["PRODUCER", "Options", "extract_events"]
