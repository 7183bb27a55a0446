from __future__ import annotations

import pytest
from pydantic import ValidationError

from tabadul.settings import Settings

PG = "postgresql+psycopg://tabadul@db.internal/tabadul"


def test_production_refuses_the_default_secret() -> None:
    with pytest.raises(ValidationError, match="TABADUL_SECRET_KEY"):
        Settings(environment="production", database_url=PG)


def test_production_refuses_sqlite() -> None:
    with pytest.raises(ValidationError, match="PostgreSQL"):
        Settings(environment="production", secret_key="x" * 40, database_url="sqlite:///t.db")


def test_production_with_real_settings_is_accepted() -> None:
    settings = Settings(environment="production", secret_key="k" * 40, database_url=PG)
    assert settings.resolved_database_url == PG


def test_default_database_is_a_sqlite_file_in_the_data_dir(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("TABADUL_DATABASE_URL", raising=False)
    settings = Settings(data_dir="some/dir")  # type: ignore[arg-type]
    assert settings.resolved_database_url == "sqlite:///some/dir/tabadul.db"


def test_environment_variables_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TABADUL_REVIEW_YEARS", "3")
    assert Settings().review_years == 3
    monkeypatch.setenv("TABADUL_REVIEW_YEARS", "0")
    with pytest.raises(ValidationError):
        Settings()
