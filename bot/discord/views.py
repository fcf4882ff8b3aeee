"""The "Show context" buttons.

Each button is a ``DynamicItem``: its ``custom_id`` (``qb:ctx:<question id>:<quote index>``) carries
everything needed to act on a click, so buttons keep working for as long as the answer is in memory,
including after the view object is gone, and no per-message view has to be stored by discord.py.
The click itself is handled by the Context cog, so reloading that cog changes the behaviour live.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

import discord

from .send import apologise, reply_text

if TYPE_CHECKING:
    from .cogs.context import ContextCog

log = logging.getLogger(__name__)

CUSTOM_ID = "qb:ctx:{key}:{index}"
TEMPLATE = r"qb:ctx:(?P<key>[0-9]{1,20}):(?P<index>[0-9]{1,3})"
#: A message shows at most 25 quote fields, and a view holds at most 25 buttons: always enough.
MAX_BUTTONS = 25
#: What the clicker sees when showing a context fails (here, not in the cog: the button needs it when
#: the cog itself is what failed).
APOLOGY = "Sorry, I couldn't load the context for that quote. It has been logged; please try again later."
UNAVAILABLE = "Context is unavailable right now; try again in a moment."


class ContextButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=TEMPLATE):
    """A "Show context" button for quote ``index`` of the answer to question ``key``."""

    def __init__(self, key: int, index: int, *, label: str | None = None) -> None:
        super().__init__(
            discord.ui.Button(
                label=label or f"Show context {index + 1}",
                style=discord.ButtonStyle.secondary,
                custom_id=CUSTOM_ID.format(key=key, index=index),
            )
        )
        self.key = key
        self.index = index

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> ContextButton:
        return cls(int(match["key"]), int(match["index"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        """Hand the click to the Context cog, and be the last resort for anything that escapes it.

        The cog handles its own failures; this catches what it cannot (a cog reloaded with a bug, a
        failed "unavailable" reply). Without it, the error would reach discord.py's "Ignoring exception
        in dynamic item callback", which names neither the interaction nor the user, while the user
        sees only Discord's "This interaction failed".
        """
        try:
            cog: ContextCog | None = interaction.client.get_cog("Context")  # type: ignore[attr-defined]
            if cog is None:
                await reply_text(interaction, UNAVAILABLE)
                return
            await cog.show_context(interaction, self.key, self.index)
        except Exception:
            log.exception("Show context button %s failed (interaction %s)", self.custom_id, interaction.id)
            await apologise(interaction, APOLOGY)


def context_view(key: int, indexes: tuple[int, ...], total: int) -> discord.ui.View | None:
    """The buttons for the quotes one message shows (numbered when the answer has several quotes)."""
    if not indexes:
        return None
    view = discord.ui.View(timeout=None)
    single = total == 1
    for index in indexes[:MAX_BUTTONS]:
        view.add_item(ContextButton(key, index, label="Show context" if single else None))
    return view
