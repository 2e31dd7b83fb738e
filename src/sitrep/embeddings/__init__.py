"""Static sentence embeddings: the packaged model and its numpy-only loader.

``DEFAULT_MODEL_DIR`` is the model sitrep ships (``src/sitrep/data/embeddings/model/``, 4.9 MB):
all-MiniLM-L6-v2 distilled by model2vec to 160 dimensions, int8; ``PROVENANCE.md`` beside it
names the teacher, the versions and the command (``scripts/distill_embeddings.py``). The loader is
``sitrep.embeddings.static.StaticEmbedder``; its module docstring says why it is hand-written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from .static import StaticEmbedder, read_safetensors

__all__ = ["DEFAULT_MODEL_DIR", "StaticEmbedder", "read_safetensors"]

DEFAULT_MODEL_DIR: Final = Path(__file__).resolve().parents[1] / "data" / "embeddings" / "model"
