"""The desk and the flow chart of the admin's front page, for the signed-in user at this moment."""

from django import template
from django.utils import timezone

from crm.desk import desk_for
from crm.flow_chart import flow_chart_for
from talent.moves import Group

register = template.Library()


@register.simple_tag(takes_context=True)
def recruiter_desk(context):
    return desk_for(context["request"].user, now=timezone.now())


@register.simple_tag(takes_context=True)
def flow_chart(context, today):
    request = context["request"]
    group = Group.KIND if request.GET.get("flows") == Group.KIND else Group.COMPANY
    return flow_chart_for(request.user, today=today, group=group)
