"""Workouts and logged sets (the logging issue), with idempotency keys for offline clients.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

Stamp = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "workouts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "user_id",
            sa.Integer,
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "program_id",
            sa.Integer,
            sa.ForeignKey("programs.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("week", sa.Integer, nullable=True),
        sa.Column("day", sa.Integer, nullable=True),
        sa.Column("started_at", Stamp, nullable=False),
        sa.Column("finished_at", Stamp, nullable=True),
        sa.Column("idempotency_key", sa.String(200), nullable=True),
        sa.Column("created_at", Stamp, nullable=False),
        sa.Column("updated_at", Stamp, nullable=False),
        sa.UniqueConstraint("user_id", "idempotency_key", name="uq_workouts_user_key"),
    )
    op.create_index("ix_workouts_user_started", "workouts", ["user_id", "started_at"])
    op.create_table(
        "logged_sets",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "workout_id",
            sa.Integer,
            sa.ForeignKey("workouts.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column(
            "user_id",
            sa.Integer,
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("exercise", sa.String(100), nullable=False),
        sa.Column("load_kg", sa.Float, nullable=True),
        sa.Column("reps", sa.Integer, nullable=True),
        sa.Column("seconds", sa.Integer, nullable=True),
        sa.Column("rir", sa.Integer, nullable=True),
        sa.Column("note", sa.String(500), nullable=True),
    )
    op.create_index("ix_logged_sets_user_exercise", "logged_sets", ["user_id", "exercise"])


def downgrade() -> None:
    op.drop_table("logged_sets")
    op.drop_table("workouts")
