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
    http_workers: int = Field(
        default=1, ge=1, le=64,
        description="API processes (uvicorn workers) serving HTTP; each has its own query_workers.",
    )
    admission_wait: float = Field(default=2.0, ge=0, description="Seconds a request waits for a free worker.")
    worker_memory_mb: int = Field(
        default=1024, ge=0, description="Memory (MB of address space) a query may add to a started worker (0: no limit)."
    )
    client_budget_seconds: float = Field(
        default=10.0, ge=0, description="Worker-seconds each client may use per budget window (0: no budget)."
    )
    client_budget_window: float = Field(default=60.0, gt=0, description="Seconds over which a client's budget refills.")
    client_max_concurrent: int = Field(default=1, ge=0, description="Queries one client may run at once (0: no cap).")
    api_keys: list[SecretStr] = Field(
        default_factory=list, description="Keys accepted in X-API-Key; each gets its own budget (else: by address)."
    )
    allow_updates: bool = Field(default=False, description="Accept SPARQL updates (with the bearer token).")
    update_token: SecretStr | None = Field(default=None, description="Bearer token required for updates.")
    service_allowlist: list[str] = Field(default_factory=list, description="Endpoints SERVICE/LOAD may reach.")
    cors_origins: list[str] = Field(default_factory=list, description="Origins allowed by CORS.")
    max_body_bytes: int = Field(default=1_000_000, ge=1024, description="Largest request body accepted (413 above).")
    max_url_bytes: int = Field(default=16_384, ge=256, description="Longest URL accepted (414 above).")
    # A remote SPARQL 1.1 store (docs/deployment.md): set, the graph is read from there.
    remote_query_url: str | None = Field(default=None, description="SPARQL query endpoint of a remote store.")
    remote_store_url: str | None = Field(default=None, description="Graph Store Protocol endpoint builds push to.")
    remote_user: str | None = Field(default=None, description="HTTP basic-auth user for the remote store.")
    remote_password: SecretStr | None = Field(default=None, description="HTTP basic-auth password for the remote store.")
    remote_timeout: float = Field(default=30.0, gt=0, description="Seconds one HTTP request to the remote store may take.")
    remote_release_ttl: float = Field(default=2.0, ge=0, description="Seconds a server trusts the remote release id.")

    def data_path(self) -> Path:
        return self.data_dir if self.data_dir is not None else resource_dir("data")

    def ontology_path(self) -> Path:
        return self.ontology_dir if self.ontology_dir is not None else resource_dir("ontology")
