"""Helpers shared by the write-path tests (a uniquely named module: tests have no __init__.py)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from index.analysis import Analysis
from index.sentences import sentence_spans
from index.types import Document

REPO = Path(__file__).resolve().parents[2]
CORPUS_DIR = REPO / "corpus"
NATO = CORPUS_DIR / "nato-us-responses-2022.txt"
NATO_TITLE = "Leak: NATO, U.S. Responses to Moscow’s Security Demands"


def words(text: str) -> int:
    """A deterministic stand-in token counter for tests that don't need the model's tokenizer."""
    return len(text.split())


def make_document(text: str, name: str = "doc.txt", doc_id: str | None = None) -> Document:
    """A Document built directly, as a loader would, with the sha of its canonical text."""
    return Document(
        doc_id=doc_id or name,
        title=next((" ".join(line.split()) for line in text.split("\n") if line.strip()), name),
        path=f"/nonexistent/{name}",
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        text=text,
    )


def assert_spans_exact(a: Analysis) -> None:
    """The core promise of the write path: every span's text is the canonical text at its offsets."""
    text = a.document.text
    sections = {s.index: s for s in a.sections}
    for s in a.sentences:
        assert text[s.start : s.end] == s.text
        sec = sections[s.section_index]
        assert sec.start <= s.start < s.end <= sec.end
        assert s.section == sec.label
    for p in a.passages:
        assert text[p.start : p.end] == p.text
        sec = sections[p.section_index]
        assert sec.start <= p.start < p.end <= sec.end


def make_pdf(pages: list[list[str]] | list[list[str | tuple[str, int]]], extra: str = "") -> bytes:
    """A minimal valid PDF written by hand: one Helvetica text stream per page, a correct xref table.
    A line is its text, set in 12-point type, or (text, size) in another size (a heading); ``extra``
    is written after each page's text, as it is (more content operators)."""

    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    n_pages = len(pages)
    # Objects: 1 catalog, 2 pages, 3 font, then for each page: page object, content stream.
    objs: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        (
            "<< /Type /Pages /Kids ["
            + " ".join(f"{4 + 2 * i} 0 R" for i in range(n_pages))
            + f"] /Count {n_pages} >>"
        ).encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, lines in enumerate(pages):
        sized = [(line, 12) if isinstance(line, str) else line for line in lines]
        stream = (
            "BT 72 720 Td "
            + " ".join(f"/F1 {size} Tf {size + 2} TL ({esc(t)}) Tj T*" for t, size in sized)
            + " ET"
            + (f" {extra}" if extra else "")
        ).encode("cp1252")
        objs.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {5 + 2 * i} 0 R "
            "/Resources << /Font << /F1 3 0 R >> >> >>".encode()
        )
        objs.append(b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for num, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{num} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def verify_store(store: Any, generation: int) -> dict[str, str]:
    """Check every stored span against its document's stored text; return {doc_id: text}."""
    import hashlib as _h

    docs = store.documents(generation)
    texts: dict[str, str] = {}
    for doc_id, meta in docs.items():
        text = store.document_text(generation, doc_id)
        assert text is not None, f"document {doc_id} has missing pieces"
        assert _h.sha256(text.encode("utf-8")).hexdigest() == meta["sha256"], doc_id
        texts[doc_id] = text
    for kind in ("sentences", "passages"):
        for span_id, body, meta in store.scan(generation, kind):
            doc_id = meta["doc_id"]
            if doc_id not in texts or meta["doc_sha"] != docs[doc_id]["sha256"]:
                continue  # a reader ignores spans of another version (crash leftovers)
            assert texts[doc_id][meta["start"] : meta["end"]] == body, (kind, span_id)
    return texts


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ChromaServer:
    """A real `chroma run` on loopback that a test can stop and start again on the same port and data."""

    def __init__(self, data: Path, port: int | None = None) -> None:
        self.data = data
        self.host = "127.0.0.1"
        self.port = port or free_port()
        self.proc: Any = None
        self.log = data / "server.log"

    def start(self, timeout: float = 60.0) -> None:
        import socket
        import subprocess
        import sys
        import time

        self.data.mkdir(parents=True, exist_ok=True)
        chroma = Path(sys.executable).parent / "chroma"
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                [
                    str(chroma),
                    "run",
                    "--path",
                    str(self.data / "db"),
                    "--host",
                    self.host,
                    "--port",
                    str(self.port),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                env={"ANONYMIZED_TELEMETRY": "False", "PATH": "/usr/bin:/bin"},
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((self.host, self.port), timeout=0.5):
                    return
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError(
                        f"chroma run exited: {self.log.read_text(errors='replace')[-2000:]}"
                    ) from None
                time.sleep(0.2)
        raise RuntimeError("chroma run did not start listening in time")

    def stop(self) -> None:
        import subprocess

        if self.proc is None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc = None


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument"/></Relationships>'
)


def make_docx(
    body: str, styles: str = "", numbering: str = "", header: str = "", footer: str = "", core_title: str = ""
) -> bytes:
    """A minimal .docx written by hand: ``body`` is the XML inside ``<w:body>`` (prefix ``w``),
    ``styles`` the ``<w:style>`` elements, ``numbering`` the content of ``numbering.xml``,
    ``header`` and ``footer`` the paragraphs of the page's header and footer parts, and
    ``core_title`` the title its properties give."""
    import io
    import zipfile

    ns = f'xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _PACKAGE_RELS)
        z.writestr("word/document.xml", f"<w:document {ns}><w:body>{body}</w:body></w:document>")
        if styles:
            z.writestr("word/styles.xml", f"<w:styles {ns}>{styles}</w:styles>")
        if numbering:
            z.writestr("word/numbering.xml", f"<w:numbering {ns}>{numbering}</w:numbering>")
        if core_title:
            z.writestr(
                "docProps/core.xml",
                '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
                f'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{core_title}'
                "</dc:title></cp:coreProperties>",
            )
        rels = ""
        for k, (kind, tag, xml) in enumerate((("header", "hdr", header), ("footer", "ftr", footer))):
            if xml:
                z.writestr(f"word/{kind}1.xml", f"<w:{tag} {ns}>{xml}</w:{tag}>")
                rels += (
                    f'<Relationship Id="rId{k + 1}" Target="{kind}1.xml" '
                    f'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}"/>'
                )
        if rels:
            z.writestr(
                "word/_rels/document.xml.rels",
                f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>',
            )
    return buf.getvalue()


def para(text: str, style: str = "", bold: bool = False, num: tuple[int, int] | None = None) -> str:
    """One ``<w:p>`` of ``make_docx``'s body: its text (a "\\n" is a manual line break), its style
    id, bold, and its own numbering (numId, level)."""
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num:
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    runs = "<w:r><w:br/></w:r>".join(
        f'<w:r>{rpr}<w:t xml:space="preserve">{t}</w:t></w:r>' for t in text.split("\n")
    )
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{runs}</w:p>"


def style(style_id: str, name: str, extra: str = "") -> str:
    """A paragraph ``<w:style>`` for ``make_docx``: Word names it in English whatever its id."""
    return f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>{extra}</w:style>'


def sentences_of(text: str) -> list[str]:
    """The sentences ``sentence_spans`` cuts a whole text into, as strings."""
    return [text[a:z] for a, z in sentence_spans(text, 0, len(text), [])]
