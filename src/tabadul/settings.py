"""One typed settings object, read from ``TABADUL_*`` environment variables.

Every setting is documented here and in ``docs/settings.md`` (a test keeps the two in
step). Outside development, insecure defaults are refused at start-up.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["DEFAULT_SECRET", "Settings"]

DEFAULT_SECRET = "change-me-development-only"  # noqa: S105 - the refused default


class Settings(BaseSettings):
    """tabadul's configuration. Build one with ``Settings()`` (from the environment) or
    with keyword arguments in tests; never mutate a shared instance."""

    model_config = SettingsConfigDict(env_prefix="TABADUL_", extra="ignore", frozen=True)

    environment: Literal["development", "production"] = Field(
        default="development",
        description="`development` allows the demo defaults; `production` refuses them.",
    )
    data_dir: Path = Field(
        default=Path("tabadul-data"),
        description="Directory for the default SQLite database and other local files.",
    )
    database_url: str | None = Field(
        default=None,
        description=(
            "SQLAlchemy URL of the database, e.g. `sqlite:///tabadul.db` or "
            "`postgresql+psycopg://user@host/db`. Default: `tabadul.db` in `data_dir`."
        ),
    )
    secret_key: str = Field(
        default=DEFAULT_SECRET,
        description="Secret for signing session material. Must be changed in production.",
    )
    token_ttl_minutes: int = Field(
        default=480,
        ge=1,
        description="Lifetime of a login token (an officer's shift: 8 hours by default).",
    )
    review_years: int = Field(
        default=5,
        ge=1,
        le=25,
        description="Default review date of a new or renewed record, in years (rule 5).",
    )
    screening_processes: int = Field(
        default=0,
        ge=0,
        le=64,
        description=(
            "Processes a batch screening (a passenger list) may use: 0 for every core, "
            "1 for this process alone (see `tabadul.service._team`)."
        ),
    )

    gc_full_seconds: float = Field(
        default=5.0,
        ge=1.0,
        le=3600.0,
        description=(
            "`tabadul serve` runs the garbage collector's full collections itself, when "
            "no request is in progress, and at the latest this many seconds apart under "
            "a load without a break (see `tabadul.api._collector`)."
        ),
    )

    assets_dir: Path | None = Field(
        default=None,
        description=(
            "Directory of the npm packages whose fonts the web interface serves "
            "(`node_modules`, installed by the setup from `package.json`). Default: "
            "`node_modules` beside the project's `package.json`."
        ),
    )

    @model_validator(mode="after")
    def _refuse_insecure_defaults(self) -> Settings:
        if self.environment == "production":
            if self.secret_key == DEFAULT_SECRET or len(self.secret_key) < 32:
                raise ValueError(
                    "TABADUL_SECRET_KEY must be set to a random value of 32 characters "
                    "or more in production"
                )
            if self.database_url is None or self.database_url.startswith("sqlite"):
                raise ValueError(
                    "TABADUL_DATABASE_URL must name a PostgreSQL database in production"
                )
        return self

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'tabadul.db').as_posix()}"
