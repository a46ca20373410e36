#pragma once

#include <QProcessEnvironment>
#include <QString>

namespace crondesk::models {

// Where the API key in use came from: the window says this, never the key itself.
enum class ApiKeySource { None, CommandLine, Profile, LangGraphEnv, LangSmithEnv, LangChainEnv };

struct ResolvedApiKey
{
    QString key;
    ApiKeySource source = ApiKeySource::None;
};

// The SDKs' precedence (api-contract §5.1): an explicit key, then LANGGRAPH_API_KEY, then
// LANGSMITH_API_KEY, then LANGCHAIN_API_KEY. Environment values are cleaned like the Python SDK
// does: surrounding whitespace, then double quotes, then single quotes stripped.
ResolvedApiKey resolveApiKey(const QString &explicitKey, ApiKeySource explicitSource,
                             const QProcessEnvironment &environment);

QString cleanApiKey(const QString &raw);

// "from LANGSMITH_API_KEY", "from the command line", "none".
QString describeSource(ApiKeySource source);
// The same, naming the profile for ApiKeySource::Profile: "API key of profile “prod” (keychain)"
// or "(this session only)" when the keychain was unavailable.
QString describeSource(ApiKeySource source, const QString &profileName, bool sessionOnly);

} // namespace crondesk::models
