from django.http import HttpResponse


def counterparty_list(request):
    return HttpResponse("")
