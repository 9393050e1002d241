"""What a user keeps: profile, saved programs (one current), favourites, exclusions; units.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

Stamp = sa.DateTime(timezone=True)


def _owner(primary_key: bool = False) -> sa.Column[int]:
    return sa.Column(
        "user_id",
        sa.Integer,
        sa.ForeignKey("users.id", ondelete="CASCADE"),
        nullable=False,
        primary_key=primary_key,
        index=not primary_key,
    )


def upgrade() -> None:
    with op.batch_alter_table("users") as users:
        users.add_column(sa.Column("units", sa.String(2), nullable=False, server_default="kg"))
    op.create_table(
        "profiles",
        _owner(primary_key=True),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("updated_at", Stamp, nullable=False),
    )
    op.create_table(
        "programs",
        sa.Column("id", sa.Integer, primary_key=True),
        _owner(),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("is_current", sa.Boolean, nullable=False),
        sa.Column("profile", sa.JSON, nullable=False),
        sa.Column("program", sa.JSON, nullable=False),
        sa.Column("created_at", Stamp, nullable=False),
        sa.Column("updated_at", Stamp, nullable=False),
    )
    op.create_index(
        "uq_programs_one_current",
        "programs",
        ["user_id"],
        unique=True,
        sqlite_where=sa.text("is_current"),
        postgresql_where=sa.text("is_current"),
    )
    for table in ("favourites", "exclusions"):
        op.create_table(
            table,
            sa.Column(
                "user_id",
                sa.Integer,
                sa.ForeignKey("users.id", ondelete="CASCADE"),
                primary_key=True,
            ),
            sa.Column("exercise", sa.String(100), primary_key=True),
            sa.Column("created_at", Stamp, nullable=False),
        )


def downgrade() -> None:
    for table in ("exclusions", "favourites", "programs", "profiles"):
        op.drop_table(table)
    with op.batch_alter_table("users") as users:
        users.drop_column("units")
