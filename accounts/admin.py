from django.contrib import admin

from accounts.models import NegotiatorProfile


@admin.register(NegotiatorProfile)
class NegotiatorProfileAdmin(admin.ModelAdmin):
    """Negotiators' own profiles: for superusers only, never for trainers."""

    list_display = ["user", "home_country", "updated_at"]
    list_select_related = ["user", "home_country"]
    search_fields = ["user__username", "user__email"]
    raw_id_fields = ["user"]
    autocomplete_fields = ["home_country"]
    readonly_fields = ["updated_at"]

    @staticmethod
    def _superuser(request) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_module_permission(self, request):
        return self._superuser(request)

    def has_view_permission(self, request, obj=None):
        return self._superuser(request)

    def has_add_permission(self, request):
        return self._superuser(request)

    def has_change_permission(self, request, obj=None):
        return self._superuser(request)

    def has_delete_permission(self, request, obj=None):
        return self._superuser(request)
