"""Password protection of a finished PDF: AES-256, PDF standard security handler revision 6.

The PDF is built by fpdf2 and then encrypted here with pypdf: fpdf2's own encryption (2.8.x)
leaves the names of embedded files unencrypted, so readers decrypt them into garbage and the
attached CSV loses its name. pypdf encrypts every string and stream. The user password is
needed to open the document; the owner password is random and thrown away, so nobody holds a
second key. Everything happens in memory.
"""

from __future__ import annotations

import io
import secrets

PDF_ALGORITHM = "AES-256"
"""pypdf's name for AES-256 with revision 6 (ISO 32000-2)."""


def encrypt_pdf(data: bytes, password: str) -> bytes:
    """The PDF ``data`` encrypted so that it opens only with ``password``."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password=secrets.token_urlsafe(32), algorithm=PDF_ALGORITHM)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
