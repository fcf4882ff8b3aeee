"""All configuration, read once from the environment and ``.env`` (keys prefixed ``QUOTEBOT_``).

Entry points build one ``Settings`` and pass it (or what is derived from it) down; nothing reads the
environment anywhere else. Every key is listed with a comment in ``.env.example``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from index.manifest import IndexConfig
from index.store import StoreConfig

#: The repository's own copy of the default corpus (the package is installed in editable mode).
DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "corpus"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="QUOTEBOT_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    # -- index and store --
    index_dir: Path = Path("data/index")
    corpus_dir: Path = DEFAULT_CORPUS
    model_path: Path | None = None
    cache_dir: Path | None = None
    chroma_host: str | None = None
    chroma_port: int = 8000
    chroma_namespace: str | None = None
    chroma_retry_s: float = Field(default=3.0, ge=0)
    max_file_mb: float = 20.0
    passage_tokens: int = Field(default=128, ge=16, le=256)
    embed_batch_size: int = Field(default=64, ge=1, le=1024)

    # -- answering --
    top_k: int = Field(default=3, ge=1, le=20)
    max_question_chars: int = Field(default=2000, ge=50)
    abstain_threshold: float | None = None
    #: Off by default: the reader helps on held-out everyday documents but not on the default
    #: corpus, and a warm answer takes ~40-55 ms (p50) instead of ~4-11 (docs/reader.md, issue #14).
    reader: bool = False
    #: The reader's arithmetic: None for its manifest's (fp32), or "int8" (about twice as fast, with
    #: its own fitted decision; the same held-out figures on everyday text, a little worse on the
    #: default corpus: docs/reader.md).
    reader_precision: Literal["fp32", "int8"] | None = None

    @field_validator("reader_precision", mode="before")
    @classmethod
    def _precision_as_written(cls, value: object) -> object:
        """``QUOTEBOT_READER_PRECISION=`` (empty) is unset, as .env.example says; "INT8" is int8."""
        if isinstance(value, str):
            return value.strip().lower() or None
        return value

    reload_check_s: float = 5.0
    reload_wait_s: float = Field(default=1.0, ge=0)

    # -- optional LLM mode (OpenAI-compatible endpoint) --
    llm_enabled: bool = False
    llm_base_url: SecretStr | None = None  # secret: a URL may carry user:password@
    llm_model: str = "gpt-4o-mini"
    llm_api_key: SecretStr | None = None
    llm_timeout_s: float = 30.0

    # -- Discord --
    discord_token: SecretStr | None = None
    discord_owner_ids: list[int] = Field(default_factory=list)
    discord_prefix: str = "qb!"
    discord_use_threads: bool = False
    discord_cooldown_s: float = 10.0
    discord_cooldown_rate: int = 3
    discord_max_concurrency: int = 4
    discord_sharded: bool = False

    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "WARNING"

    @property
    def index_dir_is_explicit(self) -> bool:
        """Whether the user chose the index folder (--index-dir, QUOTEBOT_INDEX_DIR or .env), as
        opposed to the default: an evaluation then uses that folder as it is."""
        return "index_dir" in self.model_fields_set

    def store_config(self) -> StoreConfig:
        return StoreConfig(
            index_dir=self.index_dir,
            host=self.chroma_host or None,
            port=self.chroma_port,
            namespace=self.chroma_namespace,
            retry_s=self.chroma_retry_s,
        )

    def index_config(self) -> IndexConfig:
        return IndexConfig(
            store=self.store_config(),
            model_path=self.model_path,
            cache_dir=self.cache_dir,
            max_tokens=self.passage_tokens,
            max_file_bytes=int(self.max_file_mb * 1_000_000),
            batch_size=self.embed_batch_size,
        )
