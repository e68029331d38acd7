"""Teams hold negotiators' private work: only superusers see them in the admin, never trainers."""

from django.contrib import admin

from teams.models import Invitation, Membership, Team


class SuperuserOnlyMixin:
    """Keeps trainers (staff) out even if someone grants them these permissions by mistake."""

    @staticmethod
    def _superuser(request) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_module_permission(self, request) -> bool:
        return self._superuser(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return self._superuser(request)

    def has_add_permission(self, request, obj=None) -> bool:
        return self._superuser(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._superuser(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._superuser(request)


class MembershipInline(SuperuserOnlyMixin, admin.TabularInline):
    model = Membership
    fields = ["user", "role", "joined_at"]
    readonly_fields = ["joined_at"]
    raw_id_fields = ["user"]
    extra = 0


@admin.register(Team)
class TeamAdmin(SuperuserOnlyMixin, admin.ModelAdmin):
    list_display = ["name", "is_personal", "personal_owner", "created_at"]
    list_select_related = ["personal_owner"]
    list_filter = ["is_personal", "created_at"]
    search_fields = ["name", "memberships__user__username", "memberships__user__email"]
    raw_id_fields = ["personal_owner"]
    readonly_fields = ["created_at"]
    inlines = [MembershipInline]


@admin.register(Invitation)
class InvitationAdmin(SuperuserOnlyMixin, admin.ModelAdmin):
    list_display = [
        "email",
        "team",
        "role",
        "invited_by",
        "created_at",
        "accepted_at",
        "withdrawn_at",
    ]
    list_select_related = ["team", "invited_by"]
    list_filter = ["role", "created_at"]
    search_fields = ["email", "team__name"]
    raw_id_fields = ["team", "invited_by"]
    readonly_fields = ["created_at"]
