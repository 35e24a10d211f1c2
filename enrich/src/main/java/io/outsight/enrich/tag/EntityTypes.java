package io.outsight.enrich.tag;

import java.util.List;

/** The entity type names written into {@link io.outsight.core.record.Entity#type()}. */
public final class EntityTypes {
    public static final String OUTSOURCING_TYPE = "outsourcing_type";
    public static final String SOURCING_MODEL = "sourcing_model";
    public static final String COUNTRY = "country";
    public static final String REGION = "region";
    public static final String ORGANIZATION = "organization";
    public static final String PERSON = "person";

    /** All types, in the order in which they win a tie between mentions of the same span. */
    public static final List<String> ALL = List.of(ORGANIZATION, PERSON, OUTSOURCING_TYPE, REGION, COUNTRY, SOURCING_MODEL);

    /** Sources, as in {@link io.outsight.core.record.Entity#source()}. */
    public static final String DICTIONARY = "dictionary";
    public static final String RULE = "rule";
    public static final String MODEL = "model";

    private EntityTypes() {}
}
