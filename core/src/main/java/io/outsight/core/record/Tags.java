package io.outsight.core.record;

import java.util.List;

/**
 * The distinct canonical tags of an article, for filtering and aggregation.
 *
 * @param outsourcingTypes canonical codes: BPO, KPO, ITO, BTO, RPO, LPO, HRO, FAO, EPO
 * @param countries ISO 3166-1 alpha-2 codes
 * @param regions region codes such as APAC, LATAM, EMEA
 * @param sourcingModels offshore, nearshore, onshore
 */
public record Tags(
        List<String> outsourcingTypes,
        List<String> countries,
        List<String> regions,
        List<String> organizations,
        List<String> people,
        List<String> sourcingModels) {

    public static final Tags NONE = new Tags(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

    public Tags {
        outsourcingTypes = copy(outsourcingTypes);
        countries = copy(countries);
        regions = copy(regions);
        organizations = copy(organizations);
        people = copy(people);
        sourcingModels = copy(sourcingModels);
    }

    private static List<String> copy(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
