from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import User
from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from teams import services
from teams.access import membership_in, open_invitation_in, team_for_admin, team_for_member
from teams.emails import display_name
from teams.forms import InvitationSignUpForm, InviteForm, MemberRoleForm, TeamForm
from teams.models import INVITATION_DAYS, ROLE_DESCRIPTIONS, Invitation, Membership, Team
from teams.tokens import read_invitation_token


def _roles() -> list[dict]:
    return [
        {"label": label, "description": ROLE_DESCRIPTIONS[value]}
        for value, label in Membership.Role.choices
    ]


@require_safe
def team_list(request):
    services.personal_team_for(request.user)
    memberships = (
        Membership.objects.of_user(request.user)
        .select_related("team")
        .annotate(member_count=Count("team__memberships"))
        .order_by("-team__is_personal", "team__name", "team__pk")
    )
    return render(
        request,
        "teams/team_list.html",
        {"memberships": memberships, "form": TeamForm(), "roles": _roles()},
    )


@require_http_methods(["GET", "POST"])
def team_create(request):
    form = TeamForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            team = services.team_create(user=request.user, name=form.cleaned_data["name"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"“{team}” is created, with you as its admin.")
            return redirect(team)
    return render(request, "teams/team_form.html", {"form": form})


def _detail(
    request,
    team: Team,
    membership: Membership,
    *,
    rename_form: TeamForm | None = None,
    invite_form: InviteForm | None = None,
    role_form: MemberRoleForm | None = None,
    errors: list[str] | None = None,
):
    """The team page, with any bound form that failed (and nothing saved)."""
    members = list(team.memberships.select_related("user").order_by("user__username", "pk"))
    # A personal team has only its owner, who can neither be demoted nor removed.
    manage_members = membership.can_manage and not team.is_personal
    rows = []
    for member in members:
        form = None
        if manage_members:
            if role_form is not None and role_form.membership.pk == member.pk:
                form = role_form
            else:
                form = MemberRoleForm(membership=member)
        rows.append({"membership": member, "form": form, "is_me": member.pk == membership.pk})
    invitations = list(team.invitations.open().select_related("invited_by").order_by("email"))
    return render(
        request,
        "teams/team_detail.html",
        {
            "team": team,
            "membership": membership,
            "manage_members": manage_members,
            "rows": rows,
            "admin_count": sum(m.role == Membership.Role.ADMIN for m in members),
            "invitations": [
                {"invitation": i, "inviter": display_name(i.invited_by), "expired": i.is_expired()}
                for i in invitations
            ],
            "rename_form": rename_form or TeamForm(instance=team),
            "invite_form": invite_form or InviteForm(),
            "page_errors": errors or [],
            "roles": _roles(),
            "invitation_days": INVITATION_DAYS,
        },
    )


@require_safe
def team_detail(request, pk):
    team, membership = team_for_member(request, pk)
    return _detail(request, team, membership)


@require_POST
def team_rename(request, pk):
    team, membership = team_for_admin(request, pk)
    # Not bound to `team`, so that a refused name does not show in the page's heading.
    form = TeamForm(request.POST)
    if form.is_valid():
        try:
            services.team_rename(team=team, name=form.cleaned_data["name"], user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"The team is now called “{team}”.")
            return redirect(team)
    team.refresh_from_db()
    return _detail(request, team, membership, rename_form=form)


@require_POST
def team_invite(request, pk):
    team, membership = team_for_admin(request, pk)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            outcome = services.invitation_create(
                team=team,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
                build_absolute_uri=request.build_absolute_uri,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            _invite_messages(request, team, form.cleaned_data["email"], outcome)
            return redirect(f"{team.get_absolute_url()}#members")
    return _detail(request, team, membership, invite_form=form)


def _invite_messages(request, team: Team, email: str, outcome: services.InviteOutcome) -> None:
    if outcome.membership is not None:
        who = outcome.membership.user.get_username()
        text = f"{email} already has an account ({who}) and is now a member of “{team}”."
        if outcome.email_sent:
            text += " They were told by e-mail."
    else:
        text = f"An invitation to {email} is sent; its link works for {INVITATION_DAYS} days."
        if outcome.replaced:
            text += " The link sent before no longer works."
    messages.success(request, text)
    if not outcome.email_sent:
        messages.warning(
            request,
            f"The e-mail to {email} could not be sent. Invite the address again to resend it.",
        )


@require_POST
def member_role(request, pk, mid):
    team, membership = team_for_admin(request, pk)
    target = membership_in(team, mid)
    form = MemberRoleForm(request.POST, membership=target)
    if form.is_valid():
        try:
            services.member_set_role(membership=target, role=form.cleaned_data["role"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            who = target.user.get_username()
            messages.success(request, f"{who} is now {target.get_role_display().lower()}.")
            return redirect(f"{team.get_absolute_url()}#members")
    return _detail(request, team, membership, role_form=form)


@require_http_methods(["GET", "POST"])
def member_remove(request, pk, mid):
    team, membership = team_for_admin(request, pk)
    target = membership_in(team, mid)
    if request.method == "POST":
        try:
            services.member_remove(membership=target)
        except ValidationError as exc:
            return _detail(request, team, membership, errors=exc.messages)
        if target.pk == membership.pk:
            messages.success(request, f"You are no longer a member of “{team}”.")
            return redirect("teams:list")
        messages.success(request, f"{target.user.get_username()} is removed from “{team}”.")
        return redirect(f"{team.get_absolute_url()}#members")
    return render(
        request,
        "teams/membership_confirm_delete.html",
        {"team": team, "target": target, "is_me": target.pk == membership.pk},
    )


@require_http_methods(["GET", "POST"])
def member_leave(request, pk):
    team, membership = team_for_member(request, pk)
    if request.method == "POST":
        try:
            services.member_leave(membership=membership)
        except ValidationError as exc:
            return _detail(request, team, membership, errors=exc.messages)
        messages.success(request, f"You left “{team}”.")
        return redirect("teams:list")
    return render(request, "teams/team_confirm_leave.html", {"team": team})


@require_POST
def invitation_withdraw(request, pk, iid):
    team, _membership = team_for_admin(request, pk)
    invitation = open_invitation_in(team, iid)
    services.invitation_withdraw(invitation=invitation)
    messages.success(
        request, f"The invitation to {invitation.email} is withdrawn; its link no longer works."
    )
    return redirect(f"{team.get_absolute_url()}#invitations")


# --- The link in an invitation e-mail: the one teams page open without signing in ---------


def _unavailable(request, reason: str, invitation: Invitation | None = None, status: int = 410):
    return render(
        request,
        "teams/invitation_unavailable.html",
        {
            "reason": reason,
            "invitation": invitation,
            # Whom to ask for a new link: the admin who sent it, while their account exists.
            "inviter": display_name(invitation.invited_by)
            if invitation and invitation.invited_by
            else "an admin of the team",
        },
        status=status,
    )


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def invitation_respond(request, token):
    """Sign up (or, signed in as the invited address, join) through an invitation link."""
    try:
        pk, token_expired = read_invitation_token(token)
    except signing.BadSignature:
        return _unavailable(request, "invalid", status=404)
    invitation = Invitation.objects.select_related("team", "invited_by").filter(pk=pk).first()
    if invitation is None:
        return _unavailable(request, "invalid", status=404)
    state = "expired" if token_expired and invitation.is_open else invitation.state()
    if state != "open":
        return _unavailable(request, state, invitation)
    if request.user.is_authenticated:
        return _join_signed_in(request, invitation)
    return _sign_up(request, invitation)


def _join_signed_in(request, invitation: Invitation):
    user = request.user
    if user.email.strip().lower() != invitation.email:
        return _unavailable(request, "other_account", invitation, status=403)
    if request.method == "POST":
        try:
            services.invitation_accept(invitation=invitation, user=user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect("teams:list")
        messages.success(request, f"You are now a member of “{invitation.team}”.")
        return redirect(invitation.team)
    return render(
        request,
        "teams/invitation_join.html",
        {"invitation": invitation, "inviter": display_name(invitation.invited_by)},
    )


def _sign_up(request, invitation: Invitation):
    context = {"invitation": invitation, "inviter": display_name(invitation.invited_by)}
    if User.objects.filter(email__iexact=invitation.email).exists():
        sign_in = f"{reverse('login')}?{urlencode({'next': request.path})}"
        return render(request, "teams/invitation_sign_in.html", {**context, "sign_in_url": sign_in})
    form = InvitationSignUpForm(
        request.POST if request.method == "POST" else None, invitation=invitation
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_sign_up(
                invitation=invitation,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                f"Welcome. You are a member of “{invitation.team}”. "
                "Set your home country to start preparing plans.",
            )
            profile = reverse("accounts:profile")
            return redirect(f"{profile}?{urlencode({'next': invitation.team.get_absolute_url()})}")
    return render(request, "teams/invitation_sign_up.html", {**context, "form": form})
