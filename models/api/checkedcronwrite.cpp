#include "checkedcronwrite.h"

#include "apirequest.h"
#include "logging.h"

#include <QTimer>

namespace crondesk::api {

CheckedCronWrite::CheckedCronWrite(ApiClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{ }

CheckedCronWrite::~CheckedCronWrite()
{
    dropPending();
}

void CheckedCronWrite::dropPending()
{
    if (!m_pending)
        return;
    m_pending->disconnect(this);
    m_pending->abort();
    m_pending.clear();
}

ApiError CheckedCronWrite::canceledByUser()
{
    ApiError error;
    error.kind = ApiError::Kind::Canceled;
    error.message = tr("Canceled by the user");
    return error;
}

void CheckedCronWrite::beginChecking(const ApiError &failure, std::function<void()> look)
{
    m_writeFailure = failure;
    m_look = std::move(look);
    m_answerLost = failure.isAnswerLost();
    m_waited = std::chrono::milliseconds(0);
    m_nextDelay = m_verificationDelay;
    qCInfo(lcApi) << "write failed ambiguously:" << failure.toString()
                  << "- asking the server what happened";
    Q_EMIT checking();
    if (m_answerLost) {
        // A server that has not answered may still be working on the request.
        scheduleLook();
    } else {
        // One that answered an error is done with it: one look decides.
        QTimer::singleShot(0, this, [this] { m_look(); });
    }
}

bool CheckedCronWrite::lookAgainLater()
{
    if (!m_answerLost || m_waited >= m_verificationWindow)
        return false;
    scheduleLook();
    return true;
}

void CheckedCronWrite::scheduleLook()
{
    using namespace std::chrono;
    const milliseconds left = m_verificationWindow - m_waited;
    const milliseconds delay = std::clamp(m_nextDelay, milliseconds(0), std::max(left, 0ms));
    m_waited += delay;
    m_nextDelay = std::max(m_nextDelay * 2, milliseconds(100));
    QTimer::singleShot(delay, this, [this] { m_look(); });
}

int CheckedCronWrite::secondsWaited() const
{
    return int((m_waited.count() + 999) / 1000);
}

void CheckedCronWrite::finishSucceeded(const Cron &cron)
{
    if (m_finished)
        return;
    m_pending.clear();
    m_finished = true;
    m_result = cron;
    Q_EMIT succeeded();
    Q_EMIT finished();
    deleteLater();
}

void CheckedCronWrite::finishFailed(const ApiError &error, const Cron &seen)
{
    if (m_finished)
        return;
    m_pending.clear();
    m_finished = true;
    m_error = error;
    m_result = seen;
    Q_EMIT failed(m_error);
    Q_EMIT finished();
    deleteLater();
}

} // namespace crondesk::api
