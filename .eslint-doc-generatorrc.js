/** @type {import("eslint-doc-generator").GenerateOptions} */
const config = {
  configEmoji: [
    ["recommended", "✅"],
    ["strict", "🔒"],
  ],
  // `all` enables every rule, and the type-checked configs hold the same rules as the ones
  // they are named after, so columns for them would say nothing.
  ignoreConfig: ["all", "recommended-type-checked", "strict-type-checked"],
  ruleDocNotices: ["deprecated", "configs", "fixableAndHasSuggestions", "requiresTypeChecking", "options"],
  // Every page has an Options section, also when it only says there are none.
  ruleDocSectionOptions: false,
  ruleDocSectionInclude: ["Examples", "Options", "When Not To Use It"],
  ruleListColumns: [
    "name",
    "description",
    "configsError",
    "fixable",
    "hasSuggestions",
    "options",
    "requiresTypeChecking",
    "deprecated",
  ],
  urlConfigs: "https://github.com/eslint-plugin-hibernation/eslint-plugin-hibernation#configs",
};

export default config;
