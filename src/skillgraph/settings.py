"""The one settings object, read from ``SKILLGRAPH_*`` environment variables when asked for."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from .resources import resource_dir

__all__ = ["Settings"]


class Settings(BaseSettings):
    """Where things are and how the server behaves. Nothing is read at import time."""

    model_config = SettingsConfigDict(env_prefix="SKILLGRAPH_", env_file=".env", extra="ignore", frozen=True)

    store_dir: Path = Field(default=Path(".skillgraph/store"), description="Folder of the on-disk store releases.")
    data_dir: Path | None = Field(default=None, description="Curated YAML data; default: the shipped data.")
    ontology_dir: Path | None = Field(default=None, description="Ontology, shapes and rules; default: shipped.")
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    query_timeout: float = Field(default=10.0, gt=0, description="Seconds a SPARQL query may run before it is stopped.")
    max_rows: int = Field(default=10_000, ge=1, description="Rows (or triples) one answer may hold; more is refused.")
    query_workers: int = Field(default=2, ge=1, le=64, description="Worker processes that evaluate queries.")
    admission_wait: float = Field(default=2.0, ge=0, description="Seconds a request waits for a free worker.")
    worker_memory_mb: int = Field(default=0, ge=0, description="Address-space limit of a worker (0: none).")
    allow_updates: bool = Field(default=False, description="Accept SPARQL updates (with the bearer token).")
    update_token: SecretStr | None = Field(default=None, description="Bearer token required for updates.")
    service_allowlist: list[str] = Field(default_factory=list, description="Endpoints SERVICE/LOAD may reach.")
    cors_origins: list[str] = Field(default_factory=list, description="Origins allowed by CORS.")
    max_body_bytes: int = Field(default=1_000_000, ge=1024, description="Largest request body accepted (413 above).")
    max_url_bytes: int = Field(default=16_384, ge=256, description="Longest URL accepted (414 above).")

    def data_path(self) -> Path:
        return self.data_dir if self.data_dir is not None else resource_dir("data")

    def ontology_path(self) -> Path:
        return self.ontology_dir if self.ontology_dir is not None else resource_dir("ontology")
