import os

from django.core.asgi import get_asgi_application

from config.celery import runtime_prepare

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
runtime_prepare()
application = get_asgi_application()
