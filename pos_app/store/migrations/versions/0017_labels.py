"""labels: label prints (price changed since the last print) and markdown labels

Revision ID: 0017_labels
Revises: 0016_stock_ops
Create Date: 2026-12-05 20:06:52.120075
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0017_labels'
down_revision = '0016_stock_ops'
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('label_print',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('price_fen', sa.Integer(), nullable=False),
    sa.Column('printed_at', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'],
                            name=op.f('fk_label_print_product_id_product')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_label_print'))
    )
    with op.batch_alter_table('label_print', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_label_print_product_id'), ['product_id'],
                              unique=False)

    op.create_table('markdown_label',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('base_code', sa.String(), nullable=False),
    sa.Column('label_code', sa.String(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('regular_fen', sa.Integer(), nullable=False),
    sa.Column('price_fen', sa.Integer(), nullable=False),
    sa.Column('weight_g', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'],
                            name=op.f('fk_markdown_label_product_id_product')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_markdown_label')),
    sa.UniqueConstraint('base_code', name=op.f('uq_markdown_label_base_code'))
    )



def downgrade() -> None:

    op.drop_table('markdown_label')
    with op.batch_alter_table('label_print', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_label_print_product_id'))

    op.drop_table('label_print')

