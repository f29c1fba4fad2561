"""EPUB files built in the tests with zipfile: EPUB 3 with a navigation document, EPUB 2 with an NCX."""

from __future__ import annotations

import io
import zipfile

CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>"""

CHAPTERS = {
    "text/cover.xhtml": """<html xmlns="http://www.w3.org/1999/xhtml"><head><title>表紙</title>
<link rel="stylesheet" href="../style.css"/></head>
<body><p><img src="../cover.png" alt="表紙の絵"/></p></body></html>""",
    "text/ch1.xhtml": """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>春</title><style>p { color: red }</style></head>
<body><h1>第一章　春</h1>
<p><ruby>桜<rt>さくら</rt></ruby>の花が<ruby>咲<rp>(</rp><rt>さ</rt><rp>)</rp></ruby>きました。</p>
<p>子どもたちは<em class="sesame_dot">毎日</em>公園で遊びました。</p></body></html>""",
    "text/ch2.xhtml": """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><body>
<p>春の話の続きです。</p>
<h2 id="summer"><a id="toc-2"></a>第二章　夏</h2>
<p><ruby>海<rt>うみ</rt></ruby>へ行きました。</p>
<h2>小さな見出し</h2><p>波が高い日でした。</p></body></html>""",
}


def opf(version: str, spine: bool = True) -> str:
    nav = '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'
    ncx = '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>'
    items = "".join(
        f'<item id="i{k}" href="{path}" media-type="application/xhtml+xml"/>' for k, path in enumerate(CHAPTERS)
    )
    refs = "".join(f'<itemref idref="i{k}"/>' for k in range(len(CHAPTERS)))
    spine_xml = f'<spine toc="ncx">{refs}</spine>' if spine else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="{version}" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title>四季の本</dc:title><dc:creator>山川花子</dc:creator>
<dc:date>2021-04-01</dc:date><dc:language>ja</dc:language>
</metadata>
<manifest>{nav if version.startswith("3") else ncx}{items}
<item id="css" href="style.css" media-type="text/css"/>
<item id="img" href="cover.png" media-type="image/png"/></manifest>
{spine_xml}
</package>"""


NAV = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><body>
<nav epub:type="landmarks"><ol><li><a href="text/cover.xhtml">表紙</a></li></ol></nav>
<nav epub:type="toc"><ol><li><a href="text/ch1.xhtml">第一章　春</a></li>
<li><a href="text/ch2.xhtml#toc-2">第二章　夏</a></li></ol></nav></body></html>"""

NCX = """<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"><navMap>
<navPoint id="p1" playOrder="1"><navLabel><text>第一章　春</text></navLabel><content src="text/ch1.xhtml"/></navPoint>
<navPoint id="p2" playOrder="2"><navLabel><text>第二章　夏</text></navLabel>
<content src="text/ch2.xhtml#summer"/></navPoint>
</navMap></ncx>"""


def build_epub(version: str = "3.0", spine: bool = True, container: bool = True) -> bytes:
    """An EPUB of the chapters above (its table of contents as EPUB ``version`` writes one)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        if container:
            archive.writestr("META-INF/container.xml", CONTAINER)
        archive.writestr("OEBPS/content.opf", opf(version, spine))
        if version.startswith("3"):
            archive.writestr("OEBPS/nav.xhtml", NAV)
        else:
            archive.writestr("OEBPS/toc.ncx", NCX)
        archive.writestr("OEBPS/style.css", "p { margin: 0 }")
        archive.writestr("OEBPS/cover.png", b"\x89PNG\r\n\x1a\n")
        for path, markup in CHAPTERS.items():
            archive.writestr(f"OEBPS/{path}", markup)
    return buffer.getvalue()
