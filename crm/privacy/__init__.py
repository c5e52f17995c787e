"""Privacy: the data subject's rights (access, erasure) and retention review.

PIPL arts. 44-47 and GDPR arts. 15, 17 and 20. The rules of when a person must
be told are in talent.privacy_rules; this package holds the actions.
"""
