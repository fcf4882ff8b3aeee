"""The write path: documents in, a Chroma index of exact-offset passages out.

Nothing here imports from ``bot``: the read path depends on the write path, never the reverse.
"""
