from django.urls import path

from teams import views

app_name = "teams"

urlpatterns = [
    path("", views.team_list, name="list"),
    path("new/", views.team_create, name="create"),
    path("<int:pk>/", views.team_detail, name="detail"),
    path("<int:pk>/rename/", views.team_rename, name="rename"),
    path("<int:pk>/invite/", views.team_invite, name="invite"),
    path("<int:pk>/leave/", views.member_leave, name="leave"),
    path("<int:pk>/members/<int:mid>/role/", views.member_role, name="member_role"),
    path("<int:pk>/members/<int:mid>/remove/", views.member_remove, name="member_remove"),
    path(
        "<int:pk>/invitations/<int:iid>/withdraw/",
        views.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path("invitations/<str:token>/", views.invitation_respond, name="invitation"),
]
