r"""Page splitting: newspaper page text -> articles with spans, headlines, bylines and paragraphs.

>>> from newsnlp.segment import segment_page
>>> issue = segment_page("# 小镇新开一家书店\n\n本报记者 王明远\n\n书店开在老街口，每天都有人来。")
>>> issue.layout, issue.articles[0].title, issue.articles[0].byline
('markdown', '小镇新开一家书店', '本报记者 王明远')
"""

from newsnlp.segment.bylines import parse_authors
from newsnlp.segment.layout import detect_layout
from newsnlp.segment.repair import join_broken
from newsnlp.segment.splitter import PageSplitter, segment_page

__all__ = ["PageSplitter", "detect_layout", "join_broken", "parse_authors", "segment_page"]


# ``newsnlp.segment(text)`` calls the one-liner newsnlp.quick.segment (see that module).
from newsnlp.quick import make_module_callable  # noqa: E402

make_module_callable(__name__, "segment")
