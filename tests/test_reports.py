"""The Reports page's figures on both backends: the customer's wait for the first reply."""

from __future__ import annotations

from datetime import timedelta

from shopdesk.models import Conversation, Message
from shopdesk.models.enums import ConversationStatus, Direction, Role
from shopdesk.services import agents as agent_svc
from shopdesk.services import reports
from tests import factories as f

T0 = f.T0


def test_first_response_counts_from_the_customers_message_to_a_persons_reply(db) -> None:
    with db.transaction() as s:
        owner = agent_svc.create_owner(s, "Owner")
        wang = agent_svc.add_agent(s, owner, agent_svc.AgentChanges("Wang", Role.AGENT))
        st, cu = f.store(), f.customer()
        # Opened two hours before the customer wrote (a platform thread, an imported chat).
        conv = Conversation(store=st, customer=cu, status=ConversationStatus.OPEN,
                            created_at=T0, first_response_at=T0 + timedelta(hours=2, minutes=1),
                            assignee_id=wang.id)
        s.add(conv)
        s.flush()
        asked = T0 + timedelta(hours=2)
        for at, direction, author in (
                (asked, Direction.IN, None),
                (asked + timedelta(minutes=1), Direction.OUT, None),  # automatic
                (asked + timedelta(minutes=5), Direction.IN, None),
                (asked + timedelta(minutes=30), Direction.OUT, wang.id),  # a person
                (asked + timedelta(hours=9), Direction.OUT, wang.id)):
            s.add(Message(conversation_id=conv.id, store_id=st.id, at=at, direction=direction,
                          author_id=author, text="…"))
        # A conversation the shop started: no customer message, so no wait to count.
        other = Conversation(store=st, customer=cu, status=ConversationStatus.OPEN,
                             created_at=T0)
        s.add(other)
        s.flush()
        s.add(Message(conversation_id=other.id, store_id=st.id, at=T0, direction=Direction.OUT,
                      author_id=wang.id, text="您好"))
    with db.read_session() as s:
        fig = reports.figures(s, T0 - timedelta(days=1), T0 + timedelta(days=1))
        assert fig.first_response == {"<15m": 0, "15-60m": 1, "1-4h": 0, "4-24h": 0, ">24h": 0}
        assert fig.first_automatic == {"<15m": 1, "15-60m": 0, "1-4h": 0, "4-24h": 0,
                                       ">24h": 0}
        later = reports.figures(s, T0 + timedelta(days=1), T0 + timedelta(days=2))
        assert sum(later.first_response.values()) == 0  # counted on the day of the reply
