"""A builds a team and invites B by e-mail; B signs up through the link, in real browsers."""

import re

from django.contrib.auth.models import User
from django.core import mail
from playwright.sync_api import expect

from teams.models import Membership, Team


def test_invited_colleague_signs_up_through_the_link_and_joins_the_team(
    signed_in_page, browser, live_server, user, hofstede, settings
):
    # Company deployments switch open sign-up off: the invitation link must still work.
    settings.SIGNUP_ENABLED = False
    page = signed_in_page
    page.get_by_role("link", name="Teams").click()
    expect(page.get_by_role("rowheader", name=re.compile(r"Personal \(alice\)"))).to_be_visible()

    page.get_by_role("link", name="New team").click()
    page.get_by_label("Team name").fill("Mekong sourcing")
    page.get_by_role("button", name="Create team").click()
    expect(page.get_by_role("heading", name="Mekong sourcing")).to_be_visible()

    invite = page.get_by_role("region", name="Invite someone")
    invite.get_by_label("E-mail address").fill("Bao.Tran@example.com")
    invite.get_by_label("Role").select_option(label="Member")
    invite.get_by_role("button", name="Invite").click()
    expect(page.get_by_text("An invitation to bao.tran@example.com is sent")).to_be_visible()
    invitations = page.get_by_role("table", name=re.compile("Invitations sent"))
    expect(invitations.get_by_role("rowheader", name="bao.tran@example.com")).to_be_visible()

    [email] = mail.outbox
    assert email.to == ["bao.tran@example.com"]
    assert "Mekong sourcing" in email.subject
    link = re.search(r"http://\S+/teams/invitations/\S+/", email.body).group(0)
    assert link.startswith(live_server.url)

    colleague = browser.new_context().new_page()
    colleague.goto(link)
    expect(colleague.get_by_role("heading", name="Join “Mekong sourcing”")).to_be_visible()
    expect(colleague.get_by_label("Email")).to_have_value("bao.tran@example.com")
    expect(colleague.get_by_label("Email")).to_be_disabled()
    colleague.get_by_label("Username").fill("bao.tran")
    colleague.locator("#id_password1").fill("Sturdy-pass-2026")
    colleague.locator("#id_password2").fill("Sturdy-pass-2026")
    colleague.get_by_role("button", name="Create account and join").click()

    expect(colleague.get_by_text("Welcome. You are a member of “Mekong sourcing”.")).to_be_visible()
    colleague.get_by_label("Home country").select_option(label="Vietnam")
    colleague.get_by_role("button", name="Save profile").click()
    expect(colleague.get_by_role("heading", name="Mekong sourcing")).to_be_visible()
    expect(colleague.get_by_text("Your role: Member.")).to_be_visible()

    # The link works once: opened again (signed out), it is refused.
    colleague.context.clear_cookies()
    colleague.goto(link)
    expect(
        colleague.get_by_role("heading", name="This invitation has already been used")
    ).to_be_visible()

    page.reload()
    members = page.get_by_role("table", name=re.compile("Who is in Mekong sourcing"))
    expect(members.get_by_role("rowheader", name="bao.tran")).to_be_visible()
    expect(page.get_by_text("No invitations are waiting.")).to_be_visible()

    bao = User.objects.get(username="bao.tran")
    team = Team.objects.get(name="Mekong sourcing")
    assert team.role_of(bao) == Membership.Role.MEMBER
    assert bao.personal_team.role_of(bao) == Membership.Role.ADMIN
