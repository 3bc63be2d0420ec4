"""A progress bar on stderr for long runs (quiet when not a terminal)."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator


@contextlib.contextmanager
def progress_bar(*, enabled: bool = True) -> Iterator[Callable[[str], None]]:
    """Yield a ``tick(article_id)`` callback that advances a tqdm bar."""
    if not enabled:
        yield lambda _item: None
        return
    from tqdm import tqdm

    with tqdm(unit="article", desc="kg", file=sys.stderr, disable=None, leave=False) as bar:

        def tick(item: str) -> None:
            bar.set_postfix_str(item[-40:], refresh=False)
            bar.update(1)

        yield tick
