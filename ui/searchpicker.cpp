#include "searchpicker.h"

#include <QCompleter>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStandardItemModel>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

namespace {

// Matches on SearchRole but inserts ValueRole, so "research" finds the researcher assistant and
// choosing it fills in its UUID.
class ValueCompleter final : public QCompleter
{
public:
    using QCompleter::QCompleter;

    QString pathFromIndex(const QModelIndex &index) const override
    {
        return index.data(SearchPicker::ValueRole).toString();
    }
};

} // namespace

SearchPicker::SearchPicker(const Texts &texts, QWidget *parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(this))
    , m_browse(new QToolButton(this))
    , m_info(new QLabel(this))
    , m_model(new QStandardItemModel(this))
    , m_completer(new ValueCompleter(m_model, this))
    , m_grid(new QGridLayout(this))
{
    m_edit->setObjectName(texts.objectPrefix + u"Edit"_s);
    m_edit->setPlaceholderText(texts.placeholder);
    m_edit->setAccessibleName(texts.accessibleName);
    m_edit->setClearButtonEnabled(true);
    m_browse->setObjectName(texts.objectPrefix + u"BrowseButton"_s);
    m_browse->setArrowType(Qt::DownArrow);
    m_browse->setToolTip(texts.browseTip);
    m_browse->setAccessibleName(texts.browseTip);
    m_info->setObjectName(texts.objectPrefix + u"Info"_s);
    m_info->setWordWrap(true);
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette palette = m_info->palette();
    palette.setColor(QPalette::WindowText, palette.color(QPalette::PlaceholderText));
    m_info->setPalette(palette);

    m_completer->setCompletionRole(SearchRole);
    m_completer->setFilterMode(Qt::MatchContains);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setMaxVisibleItems(10);
    m_edit->setCompleter(m_completer);

    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setHorizontalSpacing(2);
    m_grid->addWidget(m_edit, 0, 0);
    m_grid->addWidget(m_browse, 0, 1);
    setFocusProxy(m_edit);
}

SearchPicker::~SearchPicker() = default;

QString SearchPicker::infoText() const
{
    return m_info->text();
}

void SearchPicker::popUpAll()
{
    m_edit->setFocus();
    m_completer->setCompletionPrefix(QString());
    m_completer->complete();
}

} // namespace crondesk::ui
