-- The leaders' read model of dual-list tasks, projected from the registration events.
CREATE TABLE task (
    id                  UUID          PRIMARY KEY,
    list                VARCHAR(32)   NOT NULL,
    region_code         VARCHAR(6)    NOT NULL,
    -- prefixes of the region code, so that a city or a province matches everything below it by index
    city_prefix         VARCHAR(4)    NOT NULL,
    province_prefix     VARCHAR(2)    NOT NULL,
    year                INTEGER       NOT NULL,
    title               VARCHAR(100)  NOT NULL,
    content             VARCHAR(2000) NOT NULL,
    category            VARCHAR(40)   NOT NULL,
    requester_unit      VARCHAR(100)  NOT NULL,
    contact_name        VARCHAR(50),
    contact_phone       VARCHAR(30),
    status              VARCHAR(20)   NOT NULL,
    -- registered and not yet closed or withdrawn: the tasks a deadline applies to
    open                BOOLEAN       NOT NULL DEFAULT FALSE,
    responsible_unit    VARCHAR(100),
    deadline            DATE,
    quality_requirement VARCHAR(1000),
    decline_reason      VARCHAR(1000),
    filed_at            TIMESTAMPTZ   NOT NULL,
    registered_at       TIMESTAMPTZ,
    declined_at         TIMESTAMPTZ,
    updated_at          TIMESTAMPTZ   NOT NULL
);

CREATE TABLE task_co_unit (
    task_id  UUID         NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    position INTEGER      NOT NULL,
    unit     VARCHAR(100) NOT NULL,
    PRIMARY KEY (task_id, position)
);

CREATE INDEX task_region_code_idx      ON task (region_code, filed_at DESC);
CREATE INDEX task_city_prefix_idx      ON task (city_prefix, filed_at DESC);
CREATE INDEX task_province_prefix_idx  ON task (province_prefix, filed_at DESC);
CREATE INDEX task_responsible_unit_idx ON task (responsible_unit, filed_at DESC);
CREATE INDEX task_requester_unit_idx   ON task (requester_unit, filed_at DESC);
CREATE INDEX task_year_list_idx        ON task (year, list, filed_at DESC);
CREATE INDEX task_status_idx           ON task (status, filed_at DESC);
CREATE INDEX task_filed_at_idx         ON task (filed_at DESC, id);
-- The overdue list: open tasks by deadline, alone or within a city or province.
CREATE INDEX task_open_deadline_idx          ON task (deadline, id) WHERE open;
CREATE INDEX task_open_city_deadline_idx     ON task (city_prefix, deadline) WHERE open;
CREATE INDEX task_open_province_deadline_idx ON task (province_prefix, deadline) WHERE open;
CREATE INDEX task_open_unit_deadline_idx     ON task (responsible_unit, deadline) WHERE open;
CREATE INDEX task_co_unit_unit_idx ON task_co_unit (unit);
