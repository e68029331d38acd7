"""Counterparties are negotiators' private data: only superusers see them in the admin.

Trainers are staff with permissions on reference data; the checks below keep this
model out of their admin even if someone grants them its permissions by mistake.
"""

from django.contrib import admin
from django.db import models

from counterparties.models import Counterparty, CultureAdjustment, Person


class SuperuserOnlyMixin:
    def has_module_permission(self, request) -> bool:
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def has_add_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser


class PersonInline(SuperuserOnlyMixin, admin.TabularInline):
    model = Person
    fields = ["name", "title", "role", "seniority", "inner_circle"]
    extra = 0


class CultureAdjustmentInline(SuperuserOnlyMixin, admin.TabularInline):
    model = CultureAdjustment
    fields = ["dimension", "score", "reason"]
    extra = 0


@admin.register(Counterparty)
class CounterpartyAdmin(SuperuserOnlyMixin, admin.ModelAdmin):
    list_display = ["name", "owner", "country", "industry", "updated_at"]
    list_select_related = ["owner", "country"]
    search_fields = ["owner__username"]
    list_filter = ["updated_at"]
    raw_id_fields = ["owner"]
    # As on the negotiators' form: a bare domain becomes an https address.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [PersonInline, CultureAdjustmentInline]

    def get_search_results(self, request, queryset, search_term):
        """The owner's username as typed, or the list page's folded search (people included)."""
        by_owner, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        return by_owner | queryset.search(search_term), may_have_duplicates
