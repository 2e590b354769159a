"""Pictures in the user's own web pages: which ``<img>`` become ``media_urls`` for the media spider (#13)."""

from __future__ import annotations

from selfaudit.crawler.parsers import web as wp

# the body of a WordPress post as the block editor renders it, plus what themes and plugins add around photos
POST = """
<figure class="wp-block-image size-large"><img decoding="async" width="1024" height="683"
 src="https://site.example/wp-content/uploads/2024/05/convoy-1024x683.jpg" alt="" class="wp-image-42"
 srcset="https://site.example/wp-content/uploads/2024/05/convoy-1024x683.jpg 1024w,
 https://site.example/wp-content/uploads/2024/05/convoy-300x200.jpg 300w" sizes="(max-width: 1024px) 100vw"></figure>
<p>Départ à l'aube <img draggable="false" role="img" class="emoji" alt="🚙"
 src="https://s.w.org/images/core/emoji/15.0.3/svg/1f699.svg"></p>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/wp-content/uploads/2024/05/gate.jpg" class="lazyload">
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" srcset="/uploads/team-640.jpg 640w, /uploads/team-1280.jpg 1280w">
<img src="https://pixel.wp.com/g.gif?v=ext&blog=1" alt=":)" width="6" height="5" id="wpstats">
<img src="https://cdn.example.net/track.gif" width="1" height="1" style="display:none">
<img src="https://site.example/theme/pin.png" width="16px" height="16px">
<img src="https://secure.gravatar.com/avatar/abc?s=96" alt="commenter">
<img src="javascript:alert(1)"><img src="ftp://files.example/x.jpg"><img src="https://user:pw@site.example/p.jpg">
<img src="https://site.example/logo.svg"><img alt="no source">
<img src="https://photos.example.org/album/river.jpg?w=1600">
<img src="/wp-content/uploads/2024/05/convoy-1024x683.jpg">
"""


def test_photos_kept_absolute_and_icons_pixels_data_uris_svg_left_out() -> None:
    assert wp.page_images(POST, base="https://site.example/2024/05/journal/") == [
        "https://site.example/wp-content/uploads/2024/05/convoy-1024x683.jpg",
        "https://site.example/wp-content/uploads/2024/05/gate.jpg",  # the lazy-loaded source, not the placeholder
        "https://site.example/uploads/team-1280.jpg",  # the widest srcset candidate when src is a data: URI
        "https://photos.example.org/album/river.jpg?w=1600",  # another host: fetched through the URL policy
    ]
    assert wp.page_images("", base="https://site.example/") == [] and wp.page_images(None, base="https://s/") == []


def test_a_gallery_page_is_capped() -> None:
    gallery = "".join(f'<img src="/g/{n}.jpg">' for n in range(wp.PAGE_IMAGES_MAX + 5))
    urls = wp.page_images(gallery, base="https://site.example/")
    assert len(urls) == wp.PAGE_IMAGES_MAX and urls[0] == "https://site.example/g/0.jpg"


def test_pages_feeds_and_wordpress_posts_record_their_photos() -> None:
    html = ("<html><head><title>Journal</title></head><body><header><img src='/banner.jpg'></header>"
            f"<article><h1>Journal</h1>{POST}</article><aside><img src='/ad.jpg'></aside></body></html>")
    page = wp.parse_page(html, url="https://site.example/2024/05/journal/", account="https://site.example/")
    assert page.extra["media_urls"][0] == "https://site.example/wp-content/uploads/2024/05/convoy-1024x683.jpg"
    assert not {"https://site.example/banner.jpg", "https://site.example/ad.jpg"} & set(page.extra["media_urls"])
    plain = wp.parse_page("<html><body><main><p>No pictures here.</p></main></body></html>",
                          url="https://site.example/x/", account="s")
    assert "media_urls" not in plain.extra
    [post] = wp.parse_wp_posts([{"id": 1, "link": "https://site.example/j/", "date_gmt": "2024-05-02T10:00:00",
                                 "title": {"rendered": "J"}, "content": {"rendered": '<img src="/u/a.jpg">'}}],
                               account="s")
    assert post.extra["media_urls"] == ["https://site.example/u/a.jpg"]
    rss = (b'<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
           b"<channel><title>B</title><item><title>T</title><link>https://site.example/t/</link>"
           b'<content:encoded><![CDATA[<p>x</p><img src="b.jpg" width="640">]]></content:encoded></item></channel></rss>')
    [entry] = wp.parse_feed(rss, account="s", base="https://site.example/")
    assert entry.extra["media_urls"] == ["https://site.example/t/b.jpg"]
