from django.apps import AppConfig


class CounterpartiesConfig(AppConfig):
    name = "counterparties"
