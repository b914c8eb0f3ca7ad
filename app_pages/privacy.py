"""Data and privacy: what the app stores, where, for how long, who sees it, how to have a name
removed. Every role reaches it, including participants, share links and the sign-in page."""

from ui import resources
from ui.privacy import privacy_page

privacy_page(resources.db().actor.role)
