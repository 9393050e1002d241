"""Injuries (reported and cleared dates), swaps chosen in a session, and a per-set idempotency
key so a phone can send each set it logged offline exactly once.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

Stamp = sa.DateTime(timezone=True)


def _owner() -> sa.Column[int]:
    return sa.Column(
        "user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False
    )


def upgrade() -> None:
    op.create_table(
        "injuries",
        sa.Column("id", sa.Integer, primary_key=True),
        _owner(),
        sa.Column("joint", sa.String(30), nullable=False),
        sa.Column("severity", sa.String(10), nullable=False),
        sa.Column("note", sa.String(500), nullable=True),
        sa.Column("reported_on", sa.Date, nullable=False),
        sa.Column("cleared_on", sa.Date, nullable=True),
        sa.Column("created_at", Stamp, nullable=False),
    )
    op.create_index("ix_injuries_user_id", "injuries", ["user_id"])
    op.create_table(
        "swaps",
        sa.Column("id", sa.Integer, primary_key=True),
        _owner(),
        sa.Column(
            "program_id",
            sa.Integer,
            sa.ForeignKey("programs.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("from_slug", sa.String(100), nullable=False),
        sa.Column("to_slug", sa.String(100), nullable=False),
        sa.Column("scope", sa.String(10), nullable=False),
        sa.Column("week", sa.Integer, nullable=True),
        sa.Column("day", sa.Integer, nullable=True),
        sa.Column("created_at", Stamp, nullable=False),
    )
    op.create_index("ix_swaps_program_id", "swaps", ["program_id"])
    with op.batch_alter_table("logged_sets") as batch:
        batch.add_column(sa.Column("idempotency_key", sa.String(200), nullable=True))
        batch.create_unique_constraint("uq_logged_sets_user_key", ["user_id", "idempotency_key"])


def downgrade() -> None:
    with op.batch_alter_table("logged_sets") as batch:
        batch.drop_constraint("uq_logged_sets_user_key", type_="unique")
        batch.drop_column("idempotency_key")
    op.drop_table("swaps")
    op.drop_table("injuries")
