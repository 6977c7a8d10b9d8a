-- What a tenant lets browsers and mail do (issue 18): the origins whose pages may call the routes a user
-- token opens (space-separated exact origins, '*' for any: the form of an Origin list), and whether its
-- reports may be mailed, which the operator turns on per tenant since the mail goes out through the
-- operator's SMTP server. Read with the tenant's row (primary key); no index of their own.
ALTER TABLE tenants
    ADD COLUMN allowed_origins text    NOT NULL DEFAULT '' CHECK (length(allowed_origins) <= 4096),
    ADD COLUMN report_mail     boolean NOT NULL DEFAULT false;
