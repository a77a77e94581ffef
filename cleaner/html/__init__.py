"""HTML engines: a page's visible text as lines (`visible`)."""

from cleaner.html.visible import Block, visible_blocks, visible_text

__all__ = ["Block", "visible_blocks", "visible_text"]
