"""The main pages that the accessibility (axe) and HTML validity (vnu) checks visit.

One list for both checks, so that a page added here is checked both ways. A page
whose URL name does not exist yet is skipped, not failed: the checks pick it up as
soon as the view lands.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.urls import NoReverseMatch, reverse

from accounts.services import profile_for
from plans.culture import edition_variances, plan_gap_analysis
from plans.exchange import plan_export_json
from plans.models import Plan
from plans.pending_imports import pending_import_store
from plans.printing import plan_for_print
from teams.models import Invitation, Membership, Team
from teams.services import team_create
from teams.tokens import invitation_token

# The print view with every section ticked, so that the confidential ones render too.
PRINT_ALL = "layout=full&paper=a4" + "".join(
    f"&sections={key}" for key in ("deal", "gap", "goals", "positions", "relationship", "keep")
)


@dataclass(frozen=True)
class MainPage:
    label: str
    url_name: str
    args: Callable[[Plan], tuple] = lambda plan: ()
    query: str = ""
    anonymous: bool = False

    def url(self, plan: Plan) -> str | None:
        """The page's address for `plan`, or None while its URL name does not exist."""
        try:
            url = reverse(self.url_name, args=self.args(plan))
        except NoReverseMatch:
            return None
        return f"{url}?{self.query}" if self.query else url


def _plan(plan: Plan) -> tuple:
    return (plan.pk,)


def _shared_team(plan: Plan) -> Team:
    """A team of the plan's owner with a colleague and an open invitation, made on first use."""
    team = Team.objects.for_user(plan.owner).filter(is_personal=False).first()
    if team is None:
        team = team_create(user=plan.owner, name="Mekong deal team")
        colleague = User.objects.create_user("colleague", "colleague@example.com")
        Membership.objects.create(team=team, user=colleague, role=Membership.Role.VIEWER)
        Invitation.objects.create(team=team, email="newcomer@example.com", invited_by=plan.owner)
    return team


def _team(plan: Plan) -> tuple:
    return (_shared_team(plan).pk,)


def _invitation_link(plan: Plan) -> tuple:
    invitation = _shared_team(plan).invitations.open().get()
    return (invitation_token(invitation.pk),)


def _waiting_import(plan: Plan) -> tuple:
    """The plan as an uploaded file, waiting in the import preview for its owner."""
    full = plan_for_print(plan.owner, plan.pk)
    analysis = plan_gap_analysis(full, profile_for(plan.owner), edition_variances(full.edition))
    raw = plan_export_json(full, analysis).encode()
    return (pending_import_store(owner=plan.owner, raw=raw),)


MAIN_PAGES = [
    MainPage("sign-in", "login", anonymous=True),
    MainPage("dashboard", "plans:dashboard"),
    MainPage("counterparty list", "counterparties:list"),
    MainPage("counterparty form", "counterparties:create"),
    MainPage("counterparty detail", "counterparties:detail", lambda plan: (plan.counterparty_id,)),
    MainPage("plan overview", "plans:detail", _plan),
    MainPage("stage 1 gap", "plans:gap", _plan),
    MainPage("stage 2 goals", "plans:goals", _plan),
    MainPage("stage 3 relationship", "plans:relationship", _plan),
    MainPage("print view", "plans:print", _plan, query=PRINT_ALL),
    MainPage("print brief", "plans:print", _plan, query="layout=brief&paper=letter"),
    MainPage("countries", "countries:list"),
    MainPage("country detail", "countries:detail", lambda plan: ("VNM",)),
    MainPage("compare", "countries:compare", query="a=USA&b=VNM"),
    # Further forms, where missing labels would hurt most.
    MainPage("sign-up", "accounts:signup", anonymous=True),
    MainPage("profile", "accounts:profile"),
    MainPage("plan list", "plans:list"),
    MainPage("plan form", "plans:create"),
    MainPage("person form", "counterparties:person_create", lambda plan: (plan.counterparty_id,)),
    MainPage("culture form", "counterparties:culture", lambda plan: (plan.counterparty_id,)),
    MainPage(
        "person delete, used in a plan",
        "counterparties:person_delete",
        lambda plan: (plan.counterparty_id, plan.decision_belief.person_id),
    ),
    # Teams: the list, a shared team with a member and an invitation, the invitation's
    # sign-up page as the invited person sees it.
    MainPage("team list", "teams:list"),
    MainPage("team form", "teams:create"),
    MainPage("team detail", "teams:detail", _team),
    MainPage("invitation sign-up", "teams:invitation", _invitation_link, anonymous=True),
    MainPage("plan import preview", "plans:import_confirm", _waiting_import),
]
