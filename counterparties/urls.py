from django.urls import path

from counterparties import views

app_name = "counterparties"

urlpatterns = [
    path("", views.counterparty_list, name="list"),
    path("new/", views.counterparty_create, name="create"),
    path("<int:pk>/", views.counterparty_detail, name="detail"),
    path("<int:pk>/edit/", views.counterparty_update, name="update"),
    path("<int:pk>/delete/", views.counterparty_delete, name="delete"),
    path("<int:pk>/culture/", views.counterparty_culture, name="culture"),
    path("<int:pk>/people/new/", views.person_create, name="person_create"),
    path("<int:pk>/people/<int:person_pk>/edit/", views.person_update, name="person_update"),
    path("<int:pk>/people/<int:person_pk>/delete/", views.person_delete, name="person_delete"),
]
