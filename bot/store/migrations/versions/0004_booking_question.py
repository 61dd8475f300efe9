"""A booking request's question that the chat could not answer (session 15):
the clinic answers it when they get in touch."""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("booking_requests") as batch:
        batch.add_column(sa.Column("question", sa.String(500), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("booking_requests") as batch:
        batch.drop_column("question")
