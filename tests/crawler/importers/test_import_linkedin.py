"""LinkedIn CSV export: BOM, member-id suffixes, nested folder, \\" escaping, blank dates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from selfaudit.crawler.importers import linkedin
from selfaudit.crawler.importers.errors import CorruptArchiveError
from selfaudit.crawler.importers.source import open_source


@pytest.mark.parametrize(("nested", "suffix"), [(True, "_17529409"), (False, "")])
def test_linkedin_export(tmp_path: Path, gen: Any, nested: bool, suffix: str) -> None:
    src = open_source(gen.write_zip(gen.linkedin_files(nested=nested, suffix=suffix), tmp_path / "li.zip"))
    root = linkedin.find_root(src.names())
    assert root == ("Basic_LinkedInDataExport/" if nested else "")
    (bundle,) = linkedin.parse_archive(src, root)
    assert bundle.account == "Ana López"
    posts = {p.native_id: p for p in bundle.posts}
    share = posts["urn:li:share:7100"]
    assert share.text == 'Proud of our "team"\nsecond line' and share.created_at == "2025-11-19T09:59:30Z"
    assert share.kind == "original" and share.extra["visibility"] == "PUBLIC"
    reshare = posts["urn:li:ugcPost:7200"]
    assert reshare.kind == "repost" and reshare.original_url == "https://news.example/story"
    comments = [p for p in bundle.posts if p.kind == "reply"]
    assert [c.text for c in comments] == ['He said "vote" and\nleft', "no date here"]
    assert comments[0].reply_to == "urn:li:activity:7300" and comments[1].created_at is None
    (prof,) = bundle.profiles
    assert prof.email == "ana.lopez@un.org"  # the primary address first
    assert prof.extra["emails"] == ["ana.lopez@un.org", "ana@home.example"]
    assert prof.bio == "Officer at United Nations\n\nViews are my own" and prof.links == ["https://ana.example"]
    assert "Secret Road" not in repr(bundle) and "1990-01-01" not in repr(bundle)


def test_read_csv_strips_bom_and_rejects_binary() -> None:
    rows = linkedin.read_csv("\ufeffDate,Link\n2024-01-01,x\n".encode(), name="a.csv")
    assert rows == [{"Date": "2024-01-01", "Link": "x"}]
    with pytest.raises(CorruptArchiveError, match="a.csv is not UTF-8"):
        linkedin.read_csv(b"\xff\xfe\x00bad", name="a.csv")
