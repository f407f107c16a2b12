"""The Wegwijzer (seed 003): eight domains a school scores from 1 ("when it does not go
well") to 10 ("when it goes well")."""
EDUCATION_SOCIETY = "education_society"
SCHOOL_CLIMATE = "school_climate"
HOME_SITUATION = "home_situation"
SENSITIVE_TEACHING = "sensitive_teaching"
CLASSMATES = "classmates"
MENTAL_CAPITAL = "mental_capital"
LEARNING_FUTURE = "learning_future"
COLLABORATION = "collaboration"
# In the manual's order (seed 003, Bijlage 2).
DOMAINS = (EDUCATION_SOCIETY, SCHOOL_CLIMATE, HOME_SITUATION, SENSITIVE_TEACHING, CLASSMATES,
           MENTAL_CAPITAL, LEARNING_FUTURE, COLLABORATION)
