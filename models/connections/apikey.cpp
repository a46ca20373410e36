#include "apikey.h"

#include <QCoreApplication>

#include <array>

using namespace Qt::StringLiterals;

namespace crondesk::models {

QString cleanApiKey(const QString &raw)
{
    QString key = raw.trimmed();
    auto stripAll = [&key](QChar quote) {
        while (key.startsWith(quote))
            key.remove(0, 1);
        while (key.endsWith(quote))
            key.chop(1);
    };
    stripAll(u'"');
    stripAll(u'\'');
    return key;
}

ResolvedApiKey resolveApiKey(const QString &explicitKey, ApiKeySource explicitSource,
                             const QProcessEnvironment &environment)
{
    if (const QString key = cleanApiKey(explicitKey); !key.isEmpty())
        return {key, explicitSource};
    static const std::array<std::pair<QLatin1StringView, ApiKeySource>, 3> variables {{
        {"LANGGRAPH_API_KEY"_L1, ApiKeySource::LangGraphEnv},
        {"LANGSMITH_API_KEY"_L1, ApiKeySource::LangSmithEnv},
        {"LANGCHAIN_API_KEY"_L1, ApiKeySource::LangChainEnv},
    }};
    for (const auto &[name, source] : variables) {
        const QString key = cleanApiKey(environment.value(name));
        if (!key.isEmpty())
            return {key, source};
    }
    return {};
}

QString describeSource(ApiKeySource source)
{
    switch (source) {
    case ApiKeySource::None:
        return QCoreApplication::translate("ApiKey", "no API key");
    case ApiKeySource::CommandLine:
        return QCoreApplication::translate("ApiKey", "API key from the command line");
    case ApiKeySource::Profile:
        return QCoreApplication::translate("ApiKey", "API key from the profile");
    case ApiKeySource::LangGraphEnv:
        return QCoreApplication::translate("ApiKey", "API key from LANGGRAPH_API_KEY");
    case ApiKeySource::LangSmithEnv:
        return QCoreApplication::translate("ApiKey", "API key from LANGSMITH_API_KEY");
    case ApiKeySource::LangChainEnv:
        return QCoreApplication::translate("ApiKey", "API key from LANGCHAIN_API_KEY");
    }
    return {};
}

QString describeSource(ApiKeySource source, const QString &profileName, bool sessionOnly)
{
    if (source != ApiKeySource::Profile || profileName.isEmpty())
        return describeSource(source);
    return sessionOnly
        ? QCoreApplication::translate("ApiKey", "API key of profile “%1” (this session only)")
              .arg(profileName)
        : QCoreApplication::translate("ApiKey", "API key of profile “%1” (keychain)")
              .arg(profileName);
}

} // namespace crondesk::models
