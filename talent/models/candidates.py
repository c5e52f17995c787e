from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from talent import contacts
from talent.fields import (
    REMARKS_MAX_LENGTH,
    YEAR_VALIDATORS,
    bounded_text_field,
    calendar_constraints,
    text_length_constraints,
    validate_in_calendar,
)
from talent.history import tracked
from talent.names import person_pinyin, pinyin, search_text, to_simplified, to_traditional


class Currency(models.TextChoices):
    CNY = "CNY", "CNY (¥)"
    USD = "USD", "USD ($)"
    EUR = "EUR", "EUR (€)"
    GBP = "GBP", "GBP (£)"
    HKD = "HKD", "HKD"
    SGD = "SGD", "SGD"
    JPY = "JPY", "JPY"


class PayPeriod(models.TextChoices):
    ANNUAL = "annual", "per year"
    MONTHLY = "monthly", "per month"


class LawfulBasis(models.TextChoices):
    """Why the firm may hold a person's data (PIPL art. 13, GDPR art. 6); see talent.privacy_rules."""

    UNKNOWN = "", "Not recorded"
    CONSENT = "consent", "Consent given"
    PUBLIC = "public", "Publicly disclosed information"
    LEGITIMATE_INTEREST = "legitimate_interest", "Legitimate interest (GDPR)"


class ConsentChannel(models.TextChoices):
    NONE = "", "—"
    EMAIL = "email", "E-mail"
    WECHAT = "wechat", "WeChat"
    PHONE = "phone", "Phone"
    IN_PERSON = "in_person", "In person"
    WEB_FORM = "web_form", "Web form"
    OTHER = "other", "Other"


@tracked(exclude=["search_text", "pinyin"])
class Candidate(models.Model):
    LawfulBasis = LawfulBasis
    ConsentChannel = ConsentChannel

    class Source(models.TextChoices):
        REFERRAL = "referral", "Referral"
        LINKEDIN = "linkedin", "LinkedIn"
        EVENT = "event", "Event"
        RESEARCH = "research", "Research / mapping"
        INBOUND = "inbound", "Inbound"
        PAPER = "paper", "Paper or open source"
        OTHER = "other", "Other"

    class Hold(models.TextChoices):
        """Availability a recruiter sets by hand, overriding the derived one."""

        NONE = "", "—"
        NOT_LOOKING = "not_looking", "Not looking"
        PLACED = "placed", "Placed"

    native_name = models.CharField(
        max_length=100, blank=True, help_text="Name in its own script, traditional or simplified: 陽陸育 / 阳陆育."
    )
    english_name = models.CharField(max_length=100, blank=True, help_text="e.g. Louis Yang.")
    pinyin = models.CharField(max_length=200, blank=True, editable=False)
    pseudonym = models.CharField(
        max_length=100,
        blank=True,
        help_text="Shown instead of the name to those not cleared for a confidential candidate.",
    )
    is_confidential = models.BooleanField("confidential", default=False)
    is_market_icon = models.BooleanField("market icon", default=False)

    city = models.CharField(max_length=100, blank=True)
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2 code, e.g. CN, US.")
    expertise = ArrayField(models.CharField(max_length=50), default=list, blank=True, help_text="Comma-separated tags.")
    work_authorization = bounded_text_field(
        REMARKS_MAX_LENGTH, blank=True, help_text='Visa and work permits, e.g. "H-1B, green card pending".'
    )

    current_compensation = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    current_compensation_currency = models.CharField(max_length=3, choices=Currency.choices, blank=True)
    current_compensation_period = models.CharField(max_length=10, choices=PayPeriod.choices, blank=True)
    expected_compensation = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    expected_compensation_currency = models.CharField(max_length=3, choices=Currency.choices, blank=True)
    expected_compensation_period = models.CharField(max_length=10, choices=PayPeriod.choices, blank=True)
    compensation_notes = bounded_text_field(REMARKS_MAX_LENGTH, blank=True)

    willing_to_relocate = models.BooleanField(null=True, blank=True)
    relocation_notes = models.CharField(max_length=300, blank=True)

    # Who answers for the candidate (talent.access): an owner, a team, or both;
    # a recruiter or team that still answers for candidates cannot be deleted.
    owner = models.ForeignKey(
        "accounts.Recruiter", null=True, blank=True, on_delete=models.PROTECT, related_name="owned_candidates"
    )
    team = models.ForeignKey(
        "accounts.Team",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="candidates",
        help_text="The desk responsible for the candidate when it has no owner, or besides the owner's own team.",
    )
    watchers = models.ManyToManyField("accounts.Recruiter", blank=True, related_name="watched_candidates")
    source = models.CharField(max_length=20, choices=Source.choices, blank=True)
    source_detail = models.CharField(max_length=300, blank=True)
    # Privacy (talent.privacy_rules): the lawful basis, consent, and whether the person was told.
    lawful_basis = models.CharField(max_length=20, choices=LawfulBasis.choices, blank=True, default="")
    consent_given_on = models.DateField(null=True, blank=True, validators=[validate_in_calendar])
    consent_channel = models.CharField(max_length=20, choices=ConsentChannel.choices, blank=True, default="")
    collected_on = models.DateField(
        null=True,
        blank=True,
        validators=[validate_in_calendar],
        help_text="When the firm obtained the data; empty means the day the record was created.",
    )
    notified_on = models.DateField(
        null=True,
        blank=True,
        validators=[validate_in_calendar],
        help_text="When the person was told that the firm holds their data (GDPR art. 14, PIPL art. 17).",
    )
    notice_channel = models.CharField(max_length=20, choices=ConsentChannel.choices, blank=True, default="")
    hold = models.CharField("availability hold", max_length=20, choices=Hold.choices, blank=True, default=Hold.NONE)

    # All name forms (both scripts, pinyin, initials, aliases) in folded form;
    # refreshed by talent.services.candidates whenever a name or alias changes.
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(native_name="") | ~Q(english_name="") | ~Q(pseudonym=""),
                name="candidate_has_a_name",
                violation_error_message="Give the candidate a native name, an English name or a pseudonym.",
            ),
            models.CheckConstraint(
                condition=Q(owner__isnull=False) | Q(team__isnull=False),
                name="candidate_has_owner_or_team",
                violation_error_message="Give the candidate an owner or a responsible team.",
            ),
            models.CheckConstraint(
                condition=Q(is_confidential=False) | ~Q(pseudonym=""),
                name="confidential_candidate_has_pseudonym",
                violation_error_message="A confidential candidate needs a pseudonym.",
            ),
            models.UniqueConstraint(
                Lower("pseudonym"),
                condition=~Q(pseudonym=""),
                name="candidate_pseudonym_unique_ci",
                violation_error_message="This pseudonym is already used by another candidate.",
            ),
            models.CheckConstraint(
                condition=Q(current_compensation__isnull=True)
                | (~Q(current_compensation_currency="") & ~Q(current_compensation_period="")),
                name="current_compensation_has_currency_and_period",
                violation_error_message="Give the currency and period of the current compensation.",
            ),
            models.CheckConstraint(
                condition=Q(expected_compensation__isnull=True)
                | (~Q(expected_compensation_currency="") & ~Q(expected_compensation_period="")),
                name="expected_compensation_has_currency_and_period",
                violation_error_message="Give the currency and period of the expected compensation.",
            ),
            models.CheckConstraint(
                condition=Q(current_compensation__gte=0) | Q(current_compensation__isnull=True),
                name="current_compensation_not_negative",
                violation_error_message="The current compensation cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(expected_compensation__gte=0) | Q(expected_compensation__isnull=True),
                name="expected_compensation_not_negative",
                violation_error_message="The expected compensation cannot be negative.",
            ),
            models.CheckConstraint(
                condition=~Q(lawful_basis="consent") | Q(consent_given_on__isnull=False),
                name="consent_basis_has_date",
                violation_error_message="Give the day consent was given.",
            ),
            models.CheckConstraint(
                condition=Q(lawful_basis__in=LawfulBasis.values),
                name="candidate_lawful_basis_known",
                violation_error_message="Choose a known lawful basis.",
            ),
            *calendar_constraints("candidate", days=("consent_given_on", "collected_on", "notified_on")),
            *text_length_constraints(
                "candidate", work_authorization=REMARKS_MAX_LENGTH, compensation_notes=REMARKS_MAX_LENGTH
            ),
        ]
        indexes = [
            GinIndex(fields=["expertise"], name="candidate_expertise_gin"),
            models.Index(fields=["owner"], name="candidate_owner_idx"),
            models.Index(fields=["updated_at", "id"], name="candidate_updated_idx"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.native_name and self.english_name:
            return f"{self.native_name} ({self.english_name})"
        return self.native_name or self.english_name or self.pseudonym

    @property
    def simplified_name(self) -> str:
        return to_simplified(self.native_name)

    @property
    def traditional_name(self) -> str:
        return to_traditional(self.native_name)

    def refresh_name_fields(self, aliases: list[str] | None = None) -> None:
        """Recompute pinyin and search text from the names (call before save)."""
        if aliases is None:
            aliases = [a.name for a in self.aliases.all()] if self.pk else []
        self.pinyin = person_pinyin(self.native_name)
        self.search_text = search_text(self.native_name, self.english_name, self.pseudonym, *aliases)


@tracked()
class CandidateAlias(models.Model):
    class Kind(models.TextChoices):
        HUAMING = "huaming", "花名 (company alias)"
        FORMER = "former", "Former name"
        NICKNAME = "nickname", "Nickname"
        ENGLISH = "english", "Other English name"
        OTHER = "other", "Other"

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.NICKNAME)
    company = models.ForeignKey(
        "talent.Company",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="For a 花名: the company where it is used.",
    )

    class Meta:
        verbose_name_plural = "candidate aliases"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "name"],
                name="candidate_alias_unique_per_candidate",
                violation_error_message="Each alias may appear only once.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def pinyin(self) -> str:
        return pinyin(self.name)


@tracked()
class ContactChannel(models.Model):
    class Kind(models.TextChoices):
        EMAIL = contacts.EMAIL, "E-mail"
        PHONE = contacts.PHONE, "Phone"
        WECHAT = contacts.WECHAT, "WeChat ID"
        LINKEDIN = contacts.LINKEDIN, "LinkedIn"

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="contacts")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    value = models.CharField(max_length=300, help_text="Stored normalised: phones in E.164, e-mails lower-case.")
    label = models.CharField(max_length=50, blank=True, help_text="e.g. personal, work.")
    is_primary = models.BooleanField(default=False)

    class Meta:
        ordering = ["kind", "-is_primary", "value"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "value"],
                name="contact_unique_value",
                violation_error_message="This contact already belongs to a candidate.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"

    def clean(self) -> None:
        if self.kind and self.value:
            try:
                self.value = contacts.normalize_contact(self.kind, self.value)
            except ValidationError as error:
                raise ValidationError({"value": error.messages}) from None


@tracked()
class Education(models.Model):
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="education")
    institution = models.CharField(max_length=200)
    degree = models.CharField(max_length=100, blank=True, help_text="e.g. PhD, MS, BS.")
    field = models.CharField(max_length=200, blank=True)
    start_year = models.PositiveSmallIntegerField(null=True, blank=True, validators=YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField(null=True, blank=True, validators=YEAR_VALIDATORS)

    class Meta:
        verbose_name_plural = "education"
        ordering = ["-end_year", "institution"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_year__isnull=True)
                | Q(end_year__isnull=True)
                | Q(end_year__gte=models.F("start_year")),
                name="education_years_ordered",
                violation_error_message="The end year cannot be before the start year.",
            ),
            *calendar_constraints("education", years=("start_year", "end_year")),
        ]

    def __str__(self) -> str:
        return ", ".join(p for p in (self.degree, self.field, self.institution) if p)
