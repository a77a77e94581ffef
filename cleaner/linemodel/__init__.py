"""The boilerplate line model: per-line features (`features`) and the shipped tree model (`model`)."""

from cleaner.linemodel.features import FEATURES, STAGE2_FEATURES, page_features
from cleaner.linemodel.model import DEFAULT_MODEL, LineModel, Scores, load_model

__all__ = ["DEFAULT_MODEL", "FEATURES", "STAGE2_FEATURES", "LineModel", "Scores", "load_model", "page_features"]
