"""See the corpus: rule counts for the stats file, an HTML report with charts, and a per-document view.

`counts` is imported by the pipeline and stays light; the HTML modules import the plotting library only when a
report or a document view is built.
"""
