package io.outsight.app.bench;

import java.util.List;

/**
 * The vocabulary of the generated articles: sites, places, outsourcing types, organisations and sentence templates.
 * Names come from the enrich taxonomy (organizations.terms, outsourcing-types.terms, countries.terms). Constants only.
 */
final class ArticleTemplates {
    private ArticleTemplates() {}

    /**
     * A publication: its name, URL path prefix and how its pages are built (which element holds the article, which
     * boilerplate it shows).
     */
    record Site(String name, String slug, String articleOpen, String articleClose, boolean comments, boolean jsonLd) {}

    /** A delivery country with its cities; {@code inr} marks India, whose articles quote crore and lakh. */
    record Place(String country, List<String> cities, boolean inr) {}

    /** An outsourcing type: the words an article uses for it. */
    record Kind(String code, String longName, String shortName) {}

    static final List<Site> SITES = List.of(
            new Site("Outsourcing Daily", "outsourcing-daily", "<article class=\"story\">", "</article>", true, true),
            new Site("BPO Wire", "bpo-wire", "<div class=\"post-content entry\">", "</div>", true, false),
            new Site("Nearshore Review", "nearshore-review", "<main id=\"main\"><div id=\"story-body\">", "</div></main>",
                    false, true),
            new Site("Delivery Centre Times", "dc-times", "<article>", "</article>", true, false),
            new Site("Sourcing Insight", "sourcing-insight", "<section class=\"article-body\" itemprop=\"articleBody\">",
                    "</section>", false, false),
            new Site("The Services Ledger", "services-ledger", "<div class=\"content\"><article class=\"report\">",
                    "</article></div>", true, true));

    static final List<Place> PLACES = List.of(
            new Place("India", List.of("Bengaluru", "Pune", "Hyderabad", "Chennai", "Noida", "Kochi"), true),
            new Place("India", List.of("Mumbai", "Gurugram", "Kolkata", "Ahmedabad"), true),
            new Place("the Philippines", List.of("Manila", "Cebu", "Davao", "Iloilo", "Clark"), false),
            new Place("Poland", List.of("Kraków", "Wrocław", "Warsaw", "Łódź", "Gdańsk"), false),
            new Place("Mexico", List.of("Monterrey", "Guadalajara", "Mexico City", "Querétaro"), false),
            new Place("Vietnam", List.of("Ho Chi Minh City", "Hanoi", "Da Nang"), false),
            new Place("Egypt", List.of("Cairo", "Alexandria"), false),
            new Place("South Africa", List.of("Cape Town", "Johannesburg", "Durban"), false),
            new Place("Romania", List.of("Bucharest", "Cluj-Napoca", "Iași", "Timișoara"), false),
            new Place("Colombia", List.of("Bogotá", "Medellín", "Barranquilla"), false),
            new Place("Malaysia", List.of("Kuala Lumpur", "Penang", "Cyberjaya"), false),
            new Place("Costa Rica", List.of("San José", "Heredia"), false),
            new Place("Sri Lanka", List.of("Colombo", "Kandy"), false),
            new Place("Morocco", List.of("Casablanca", "Rabat"), false),
            new Place("Kenya", List.of("Nairobi", "Mombasa"), false),
            new Place("Brazil", List.of("São Paulo", "Curitiba", "Recife"), false));

    static final List<Kind> KINDS = List.of(
            new Kind("BPO", "business process outsourcing", "BPO"),
            new Kind("BPO", "contact centre", "contact centre"),
            new Kind("KPO", "knowledge process outsourcing", "KPO"),
            new Kind("ITO", "IT outsourcing", "IT outsourcing"),
            new Kind("LPO", "legal process outsourcing", "LPO"),
            new Kind("HRO", "HR outsourcing", "HR outsourcing"),
            new Kind("FAO", "finance and accounting outsourcing", "F&A outsourcing"),
            new Kind("RPO", "recruitment process outsourcing", "RPO"));

    static final List<String> PROVIDERS = List.of("Accenture", "Tata Consultancy Services", "Infosys", "Wipro",
            "HCLTech", "Tech Mahindra", "Cognizant", "Capgemini", "Genpact", "WNS", "EXL", "Firstsource",
            "Teleperformance", "Concentrix", "TaskUs", "Alorica", "TTEC", "Conduent", "Mphasis", "Hexaware",
            "LTIMindtree", "Telus International");

    static final List<String> RESEARCH = List.of("Everest Group", "Gartner", "ISG", "IDC", "Grand View Research",
            "Mordor Intelligence", "NelsonHall", "HFS Research", "Avasant", "MarketsandMarkets", "Frost & Sullivan",
            "Fortune Business Insights", "IMARC Group", "Zinnov", "Technavio");

    static final List<String> CLIENT_COUNTRIES = List.of("the United States", "the United Kingdom", "Germany",
            "Australia", "Canada", "Japan", "France", "the Netherlands", "Switzerland", "Singapore");

    static final List<String> MODELS = List.of("offshore", "nearshore", "onshore");

    static final List<String> PEOPLE = List.of("Maria Santos", "Rajesh Iyer", "Anna Kowalska", "Carlos Méndez",
            "Nguyen Thi Lan", "Ahmed Farouk", "Sarah Mitchell", "Daniel Okafor", "Priya Natarajan", "Jan Novak");

    static final List<String> AUTHORS = List.of("Asha Raman", "Tom Becker", "Lucía Herrera", "Marek Zieliński",
            "Grace Dela Cruz", "Oliver Grant", "Meera Pillai", "Sofia Ionescu");

    static final List<String> SECTIONS = List.of("Market overview", "Key providers", "Regional outlook",
            "Talent and costs", "Automation and AI", "Risks", "Methodology", "Outlook");

    /**
     * Sentences without market figures. Slots: {provider} {research} {country} {city} {client} {type} {short} {model}
     * {person} {n}.
     */
    static final List<String> FILLER = List.of(
            "{provider} said it would open a new delivery centre in {city} to serve clients in {client}.",
            "Buyers in {client} continue to move {type} work {model}, citing cost and access to skilled staff.",
            "Analysts at {research} expect demand for {short} services in {country} to stay strong next year.",
            "\"Our clients want outcomes, not headcount,\" said {person}, who leads the {short} practice at {provider}.",
            "{provider} and {provider} compete for large {type} deals with banks and insurers in {client}.",
            "Attrition in {city} fell for the {n}th month in a row, according to recruiters.",
            "The government of {country} offers tax incentives to firms that set up {model} delivery centres.",
            "Mid-sized providers are winning work that once went only to the largest vendors.",
            "Generative AI is changing how {short} providers price their services, {research} noted in a report.",
            "Many contracts now include outcome-based pricing and shared savings.",
            "{person}, an analyst at {research}, said {model} delivery from {city} keeps costs predictable.",
            "Clients in {client} are renewing {short} contracts for shorter terms than before.",
            "English-speaking graduates in {city} remain the sector's main draw.",
            "Several providers have added Spanish, German and Japanese language support.",
            "Office rents in {city} rose as {provider} and others expanded.",
            "The industry association in {country} plans a skills programme for {n} universities.",
            "Cybersecurity and data protection clauses have become standard in {type} contracts.",
            "{provider} moved part of its finance and accounting work for a client in {client} to {city}.",
            "Hybrid work remains common, with agents in the office three days a week.",
            "Vendors say clients ask more often for analytics and automation alongside {type}.",
            "Power outages and visa rules are still among the risks buyers mention.",
            "Smaller cities such as {city} attract providers with lower costs and less competition for staff.");

    /** Link titles for the navigation, related-links and most-read boxes. */
    static final List<String> LINK_TITLES = List.of("Five vendors to watch", "Cloud contact centres explained",
            "Top outsourcing destinations ranked", "What buyers pay per agent hour", "Automation and jobs: the data",
            "Shared services in Europe", "Nearshore vs offshore: a guide", "Contract renewals slow down",
            "Interview: a CIO on vendor consolidation", "Salary survey results", "The state of GCCs",
            "Events calendar", "Podcast: talent wars", "Webinar: pricing models");

    /** Reader comments (boilerplate that talks about the same topics as the article). */
    static final List<String> COMMENTS = List.of("Great piece, but the numbers for the contact centre segment look high.",
            "We moved our back office to a vendor last year and the savings were smaller than promised.",
            "Would love to see a comparison with nearshore options.", "Attrition is the real story here.",
            "Does anyone know which research firm published the original estimate?",
            "Our team in the Philippines has grown every quarter.", "This is just a press release.",
            "Automation will change these forecasts within five years.", "Thanks, very useful overview.",
            "The cost gap between onshore and offshore is shrinking faster than people think.");
}
