from django.urls import path

from counterparties import views

app_name = "counterparties"

urlpatterns = [
    path("", views.counterparty_list, name="list"),
]
