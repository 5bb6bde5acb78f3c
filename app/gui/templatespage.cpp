#include "app/gui/templatespage.h"

#include "app/gui/notelabel.h"

#include "app/gui/templatelistmodel.h"
#include "core/templatecatalog.h"

#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPainter>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::App {

namespace {

const QColor problemColor = problemColour();

// A list item of two lines: the template's name, and under it, quieter, its id and kind.
class TwoLineDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QString title = opt.text;
        opt.text.clear();
        QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

        const QRect text =
            style->subElementRect(QStyle::SE_ItemViewItemText, &opt, opt.widget).adjusted(4, 0, -4, 0);
        const bool selected = opt.state.testFlag(QStyle::State_Selected);
        const QPalette::ColorGroup group =
            opt.state.testFlag(QStyle::State_Enabled) ? QPalette::Normal : QPalette::Disabled;
        QFont subtitleFont = opt.font;
        subtitleFont.setPointSizeF(subtitleFont.pointSizeF() * 0.9);
        const int titleHeight = opt.fontMetrics.height();
        const int subtitleHeight = QFontMetrics(subtitleFont).height();
        const int top = text.top() + (text.height() - titleHeight - subtitleHeight) / 2;

        painter->save();
        painter->setPen(opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text));
        painter->setFont(opt.font);
        painter->drawText(QRect(text.left(), top, text.width(), titleHeight),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          opt.fontMetrics.elidedText(title, Qt::ElideRight, text.width()));
        painter->setFont(subtitleFont);
        QColor quiet =
            opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::PlaceholderText);
        if (index.data(TemplateListModel::KindRole).toInt() == int(TemplateListModel::Kind::Broken) &&
            !selected)
            quiet = problemColor;
        painter->setPen(quiet);
        const QString subtitle = index.data(TemplateListModel::SubtitleRole).toString();
        painter->drawText(QRect(text.left(), top + titleHeight, text.width(), subtitleHeight),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetrics(subtitleFont).elidedText(subtitle, Qt::ElideRight, text.width()));
        painter->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        QFont subtitleFont = option.font;
        subtitleFont.setPointSizeF(subtitleFont.pointSizeF() * 0.9);
        size.setHeight(
            std::max(size.height(), option.fontMetrics.height() + QFontMetrics(subtitleFont).height() + 12));
        return size;
    }
};

QStringList stringsOf(const QJsonValue &value)
{
    QStringList strings;
    for (const QJsonValue &item : value.toArray())
        strings.append(item.toString());
    return strings;
}

// Arguments as a shell-like line; QProcess::splitCommand reads it back (quotes around spaces, """ for a
// quote).
QString joinArguments(const QStringList &arguments)
{
    QStringList quoted;
    for (QString argument : arguments) {
        if (argument.isEmpty() || argument.contains(u' ') || argument.contains(u'\t') ||
            argument.contains(u'"'))
            argument = QString(u'"' + argument.replace(u"\""_s, u"\"\"\""_s) + u'"');
        quoted.append(argument);
    }
    return quoted.join(u' ');
}

QStringList linesOf(const QPlainTextEdit *edit)
{
    QStringList lines;
    for (const QString &line : edit->toPlainText().split(u'\n')) {
        if (!line.trimmed().isEmpty())
            lines.append(line.trimmed());
    }
    return lines;
}

} // namespace

TemplatesPage::TemplatesPage(TemplateCatalog &catalog, QWidget *parent)
    : QWidget(parent)
    , m_catalog(catalog)
    , m_model(new TemplateListModel(catalog, this))
    , m_list(new QListView(this))
    , m_newButton(new QPushButton(tr("&New…"), this))
    , m_duplicateButton(new QPushButton(tr("D&uplicate…"), this))
    , m_deleteButton(new QPushButton(tr("&Delete…"), this))
    , m_title(new QLabel(this))
    , m_subtitle(createNoteLabel(this))
    , m_banner(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_json(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
    , m_modeButton(new QPushButton(this))
    , m_revertButton(new QPushButton(tr("&Revert"), this))
    , m_saveButton(new QPushButton(tr("&Save"), this))
{
    setObjectName(u"templatesPage"_s);
    m_list->setObjectName(u"templateList"_s);
    m_list->setModel(m_model);
    m_list->setItemDelegate(new TwoLineDelegate(m_list));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setUniformItemSizes(true);
    m_list->setIconSize(QSize(20, 20));
    m_list->setMinimumWidth(220);
    m_newButton->setObjectName(u"new"_s);
    m_newButton->setToolTip(tr("Make a new template of your own"));
    m_duplicateButton->setObjectName(u"duplicate"_s);
    m_duplicateButton->setToolTip(tr("Copy the selected template under a new id, to change the copy"));
    m_deleteButton->setObjectName(u"delete"_s);
    m_deleteButton->setToolTip(tr("Delete the selected template's file"));
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_newButton);
    listButtons->addWidget(m_duplicateButton);
    listButtons->addWidget(m_deleteButton);
    listButtons->addStretch();
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_list, 1);
    leftLayout->addLayout(listButtons);

    m_title->setObjectName(u"title"_s);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextFormat(Qt::PlainText);
    m_subtitle->setObjectName(u"subtitle"_s);
    m_subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->setObjectName(u"banner"_s);
    m_banner->setWordWrap(true);
    m_banner->setTextFormat(Qt::PlainText);
    m_banner->setFrameShape(QFrame::StyledPanel);
    m_banner->setMargin(8);
    m_banner->setAutoFillBackground(true);
    m_banner->setBackgroundRole(QPalette::AlternateBase);

    auto *form = new QWidget;
    buildForm(form);
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(u"formScroll"_s);
    scroll->setWidget(form);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_stack->addWidget(scroll);

    m_json->setObjectName(u"json"_s);
    m_json->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_json->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_json->setTabStopDistance(QFontMetricsF(m_json->font()).horizontalAdvance(u' ') * 2);
    m_stack->addWidget(m_json);

    m_status->setObjectName(u"problem"_s);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_modeButton->setObjectName(u"mode"_s);
    int modeWidth = 0; // wide enough for each of its texts, so switching does not move the buttons
    for (const QString &text :
         {tr("Edit as &JSON"), tr("Show as &JSON"), tr("Edit in a &Form"), tr("Show as a &Form")}) {
        m_modeButton->setText(text);
        modeWidth = std::max(modeWidth, m_modeButton->sizeHint().width());
    }
    m_modeButton->setMinimumWidth(modeWidth);
    m_revertButton->setObjectName(u"revert"_s);
    m_saveButton->setObjectName(u"save"_s);
    m_saveButton->setDefault(true);
    auto *editButtons = new QHBoxLayout;
    editButtons->addWidget(m_modeButton);
    editButtons->addStretch();
    editButtons->addWidget(m_revertButton);
    editButtons->addWidget(m_saveButton);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(6, 0, 0, 0);
    rightLayout->setSpacing(6);
    rightLayout->addWidget(m_title);
    rightLayout->addWidget(m_subtitle);
    rightLayout->addWidget(m_banner);
    rightLayout->addSpacing(4);
    rightLayout->addWidget(m_stack, 1);
    rightLayout->addWidget(m_status);
    rightLayout->addLayout(editButtons);

    auto *splitter = new QSplitter(this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({260, 640});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &TemplatesPage::onCurrentChanged);
    connect(m_newButton, &QPushButton::clicked, this, &TemplatesPage::createTemplate);
    connect(m_duplicateButton, &QPushButton::clicked, this, &TemplatesPage::duplicateTemplate);
    connect(m_deleteButton, &QPushButton::clicked, this, &TemplatesPage::deleteCurrent);
    connect(m_modeButton, &QPushButton::clicked, this, [this] {
        m_preferredMode = m_mode == Mode::Form ? Mode::Json : Mode::Form;
        setMode(m_preferredMode);
    });
    connect(m_revertButton, &QPushButton::clicked, this, &TemplatesPage::revert);
    connect(m_saveButton, &QPushButton::clicked, this, &TemplatesPage::save);
    connect(m_json, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_loading)
            validate();
    });
    selectRow(0);
}

void TemplatesPage::buildForm(QWidget *form)
{
    const auto lineEdit = [form](const QString &name, const QString &placeholder) {
        auto *edit = new QLineEdit(form);
        edit->setObjectName(name);
        edit->setPlaceholderText(placeholder);
        return edit;
    };
    const auto linesEdit = [form](const QString &name, const QString &placeholder) {
        auto *edit = new QPlainTextEdit(form);
        edit->setObjectName(name);
        edit->setPlaceholderText(placeholder);
        edit->setTabChangesFocus(true);
        edit->setLineWrapMode(QPlainTextEdit::NoWrap);
        edit->setFixedHeight(edit->fontMetrics().lineSpacing() * 3 + 2 * edit->frameWidth() + 10);
        return edit;
    };
    const auto withNote = [form](QWidget *field, const QString &note) {
        auto *box = new QVBoxLayout;
        box->setSpacing(3);
        box->addWidget(field);
        box->addWidget(createNoteLabel(form, note));
        return box;
    };
    const auto label = [form](const QString &text, QWidget *buddy) {
        auto *label = new QLabel(text, form);
        label->setBuddy(buddy);
        return label;
    };

    m_id = lineEdit(u"id"_s, tr("lower-case letters, digits and -"));
    m_name = lineEdit(u"name"_s, tr("The name shown in Paddock"));
    m_description = lineEdit(u"description"_s, tr("Optional: a sentence on what it is"));
    m_installKind = new QComboBox(form);
    m_installKind->setObjectName(u"installKind"_s);
    m_installKind->addItem(tr("Nothing to install"));
    m_installKind->addItem(tr("npm package"));
    m_installKind->addItem(tr("Command"));
    m_install = lineEdit(u"install"_s, {});
    auto *installRow = new QHBoxLayout;
    installRow->addWidget(m_installKind);
    installRow->addWidget(m_install, 1);
    m_command = lineEdit(u"command"_s, tr("The program and its arguments, such as aider --model sonnet"));
    m_yoloFlags =
        lineEdit(u"yoloFlags"_s, tr("The flags that turn the agent's prompts off, such as --yes-always"));
    m_environment = linesEdit(u"environment"_s, tr("NAME=value, one per line"));
    m_hosts = linesEdit(u"requiredHosts"_s, tr("One per line, such as api.example.com:443"));

    m_credentials = new QTableWidget(0, 5, form);
    m_credentials->setObjectName(u"credentials"_s);
    m_credentials->setHorizontalHeaderLabels(
        {tr("Host"), tr("Header"), tr("Format"), tr("Secret"), tr("Variable")});
    const QStringList columnTips{tr("The host the credential is sent to, such as api.example.com"),
                                 tr("The HTTP header the proxy adds, such as Authorization"),
                                 tr("The header's value, with {secret} where the secret goes"),
                                 tr("The name of the secret in Paddock's keychain"),
                                 tr("Optional: the variable in the sandbox that holds a placeholder")};
    for (int column = 0; column < columnTips.size(); ++column)
        m_credentials->horizontalHeaderItem(column)->setToolTip(columnTips[column]);
    m_credentials->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_credentials->setWordWrap(false);
    m_credentials->verticalHeader()->hide();
    m_credentials->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_credentials->setFixedHeight(m_credentials->horizontalHeader()->sizeHint().height() +
                                  m_credentials->verticalHeader()->defaultSectionSize() * 3 +
                                  2 * m_credentials->frameWidth());
    m_addCredential = new QPushButton(tr("Add"), form);
    m_addCredential->setObjectName(u"addCredential"_s);
    m_removeCredential = new QPushButton(tr("Remove"), form);
    m_removeCredential->setObjectName(u"removeCredential"_s);
    auto *credentialButtons = new QVBoxLayout;
    credentialButtons->addWidget(m_addCredential);
    credentialButtons->addWidget(m_removeCredential);
    credentialButtons->addStretch();
    auto *credentialRow = new QHBoxLayout;
    credentialRow->addWidget(m_credentials, 1);
    credentialRow->addLayout(credentialButtons);
    auto *credentialBox = new QVBoxLayout;
    credentialBox->setSpacing(3);
    credentialBox->addLayout(credentialRow);
    credentialBox->addWidget(
        createNoteLabel(form, tr("The proxy adds \"Header: Format\" to requests to the host, with {secret} "
                                 "replaced by the secret of that name; the sandbox only sees a "
                                 "placeholder in the variable.")));

    m_waiting = linesEdit(u"waitingForInput"_s, tr("Regular expressions, one per line"));
    m_done = linesEdit(u"done"_s, tr("Regular expressions, one per line"));

    auto *layout = new QFormLayout(form);
    layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->setContentsMargins(0, 0, 12, 0);
    layout->addRow(label(tr("&Id:"), m_id), m_id);
    layout->addRow(label(tr("&Name:"), m_name), m_name);
    layout->addRow(label(tr("Descr&iption:"), m_description), m_description);
    layout->addRow(label(tr("Ins&tall:"), m_installKind), installRow);
    layout->addRow(label(tr("&Command:"), m_command), m_command);
    layout->addRow(label(tr("&YOLO flags:"), m_yoloFlags), m_yoloFlags);
    layout->addRow(label(tr("&Environment:"), m_environment),
                   withNote(m_environment, tr("Variables set in the sandbox.")));
    layout->addRow(label(tr("Required &hosts:"), m_hosts),
                   withNote(m_hosts, tr("Allowed in the policy of every sandbox that runs this agent.")));
    layout->addRow(label(tr("Cre&dentials:"), m_credentials), credentialBox);
    layout->addRow(label(tr("&Waiting for input:"), m_waiting),
                   withNote(m_waiting, tr("Terminal output that means the agent waits for you.")));
    layout->addRow(label(tr("D&one:"), m_done),
                   withNote(m_done, tr("Terminal output that means the agent is done.")));

    // Each field writes only its own key, so a field the user did not touch never changes the file.
    const auto edited = [this](auto write) {
        return [this, write] {
            if (m_loading)
                return;
            write();
            validate();
        };
    };
    connect(m_id, &QLineEdit::textEdited, this, edited([this] { setKey(u"id"_s, m_id->text()); }));
    connect(m_name, &QLineEdit::textEdited, this, edited([this] { setKey(u"name"_s, m_name->text()); }));
    connect(m_description, &QLineEdit::textEdited, this, edited([this] {
                setKey(u"description"_s, m_description->text().isEmpty() ? QJsonValue(QJsonValue::Undefined)
                                                                         : QJsonValue(m_description->text()));
            }));
    connect(m_installKind, &QComboBox::currentIndexChanged, this, edited([this] { writeInstall(); }));
    connect(m_install, &QLineEdit::textEdited, this, edited([this] { writeInstall(); }));
    connect(m_command, &QLineEdit::textEdited, this,
            edited([this] { writeList(u"command"_s, QProcess::splitCommand(m_command->text())); }));
    connect(m_yoloFlags, &QLineEdit::textEdited, this,
            edited([this] { writeList(u"yoloFlags"_s, QProcess::splitCommand(m_yoloFlags->text())); }));
    connect(m_environment, &QPlainTextEdit::textChanged, this, edited([this] { writeEnvironment(); }));
    connect(m_hosts, &QPlainTextEdit::textChanged, this,
            edited([this] { writeList(u"requiredHosts"_s, linesOf(m_hosts)); }));
    connect(m_credentials, &QTableWidget::itemChanged, this, edited([this] { writeCredentials(); }));
    connect(m_waiting, &QPlainTextEdit::textChanged, this,
            edited([this] { writeAttention(u"waitingForInput"_s, linesOf(m_waiting)); }));
    connect(m_done, &QPlainTextEdit::textChanged, this,
            edited([this] { writeAttention(u"done"_s, linesOf(m_done)); }));
    connect(m_addCredential, &QPushButton::clicked, this, &TemplatesPage::addCredential);
    connect(m_removeCredential, &QPushButton::clicked, this, &TemplatesPage::removeCredential);
}

bool TemplatesPage::isModified() const
{
    if (m_builtIn || (m_currentId.isEmpty() && m_currentFile.isEmpty()))
        return false;
    if (m_mode == Mode::Form)
        return !m_originalIsObject || m_draft != m_originalObject;
    const QByteArray text = m_json->toPlainText().toUtf8();
    const QJsonDocument document = QJsonDocument::fromJson(text);
    if (document.isObject() && m_originalIsObject)
        return document.object() != m_originalObject;
    return text != m_originalJson;
}

bool TemplatesPage::confirmDiscard()
{
    if (!isModified())
        return true;
    const auto answer = QMessageBox::question(
        this, tr("Unsaved Changes"),
        tr("The template \"%1\" has changes that are not saved. Save them?").arg(m_title->text()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

void TemplatesPage::reload()
{
    const QString id = m_currentId;
    const QString file = m_currentFile;
    const bool keepEdits = isModified();
    m_catalog.reload();
    m_model->refresh();
    const int row = id.isEmpty() ? m_model->rowOfFile(file) : m_model->rowOfId(id);
    if (keepEdits && row >= 0) {
        m_selecting = true;
        m_list->setCurrentIndex(m_model->index(row));
        m_selecting = false;
        return;
    }
    selectRow(std::max(row, 0));
}

void TemplatesPage::selectTemplate(const QString &id)
{
    const int row = m_model->rowOfId(id);
    if (row >= 0)
        m_list->setCurrentIndex(m_model->index(row));
}

void TemplatesPage::onCurrentChanged(const QModelIndex &current, const QModelIndex &previous)
{
    if (m_selecting)
        return;
    const QString id = current.data(TemplateListModel::IdRole).toString();
    const QString file = current.data(TemplateListModel::FileRole).toString();
    if (isModified()) {
        if (!confirmDiscard()) {
            m_selecting = true;
            m_list->setCurrentIndex(previous);
            m_selecting = false;
            return;
        }
        // Saving reloaded the list: find the row the user chose again.
        selectRow(id.isEmpty() ? m_model->rowOfFile(file) : m_model->rowOfId(id));
        return;
    }
    loadCurrent();
}

void TemplatesPage::selectRow(int row)
{
    m_selecting = true;
    m_list->setCurrentIndex(m_model->index(std::clamp(row, 0, std::max(m_model->rowCount() - 1, 0))));
    m_selecting = false;
    loadCurrent();
}

void TemplatesPage::loadCurrent()
{
    const QModelIndex index = m_list->currentIndex();
    const auto kind = TemplateListModel::Kind(index.data(TemplateListModel::KindRole).toInt());
    m_currentId = index.data(TemplateListModel::IdRole).toString();
    m_currentFile = index.data(TemplateListModel::FileRole).toString();
    m_builtIn = index.isValid() && kind == TemplateListModel::Kind::BuiltIn;
    const bool broken = index.isValid() && kind == TemplateListModel::Kind::Broken;

    m_originalJson.clear();
    QString readProblem;
    if (m_builtIn) {
        if (const auto found = m_catalog.find(m_currentId))
            m_originalJson = QJsonDocument(found->toJson()).toJson(QJsonDocument::Indented);
    } else if (!m_currentFile.isEmpty()) {
        if (const auto bytes = TemplateCatalog::readUserFile(m_currentFile))
            m_originalJson = *bytes;
        else
            readProblem = bytes.error().message;
    }
    const QJsonDocument document = QJsonDocument::fromJson(m_originalJson);
    m_originalIsObject = document.isObject();
    m_originalObject = document.object();
    m_draft = m_originalObject;

    m_title->setText(index.isValid() ? index.data(Qt::DisplayRole).toString() : tr("No Template"));
    if (m_builtIn)
        m_subtitle->setText(tr("Built-in template \"%1\"").arg(m_currentId));
    else
        m_subtitle->setText(QDir::toNativeSeparators(m_currentFile));
    if (m_builtIn)
        m_banner->setText(tr("Built-in templates are read-only. To change this one, duplicate it: the copy "
                             "is yours to edit."));
    else if (broken)
        m_banner->setText(
            tr("Paddock skips this file until it is fixed. Correct it below and save, or delete it."));
    m_banner->setVisible(m_builtIn || broken);

    m_loading = true;
    m_json->setPlainText(QString::fromUtf8(m_originalJson));
    m_loading = false;
    fillForm();
    setReadOnly(m_builtIn || !readProblem.isEmpty() || !index.isValid());
    m_deleteButton->setEnabled(index.isValid() && !m_builtIn);
    m_duplicateButton->setEnabled(index.isValid() && !broken);
    // A file that does not load opens as text, where its problem is (an unknown key has no field in the
    // form). Text and form hold the same template now: no conversion between them.
    m_mode = m_originalIsObject && !broken ? m_preferredMode : Mode::Json;
    setMode(m_mode);
    validate();
    if (!readProblem.isEmpty())
        m_status->setText(readProblem);
}

void TemplatesPage::fillForm()
{
    m_loading = true;
    const auto string = [this](const QString &key) { return m_draft.value(key).toString(); };
    m_id->setText(string(u"id"_s));
    m_name->setText(string(u"name"_s));
    m_description->setText(string(u"description"_s));
    const QJsonObject install = m_draft.value(u"install"_s).toObject();
    if (install.contains(u"npm"_s)) {
        m_installKind->setCurrentIndex(1);
        m_install->setText(install.value(u"npm"_s).toString());
    } else if (install.contains(u"command"_s)) {
        m_installKind->setCurrentIndex(2);
        m_install->setText(joinArguments(stringsOf(install.value(u"command"_s))));
    } else {
        m_installKind->setCurrentIndex(0);
        m_install->clear();
    }
    m_install->setEnabled(m_installKind->currentIndex() != 0);
    m_install->setPlaceholderText(m_installKind->currentIndex() == 1 ? tr("package[@version]")
                                                                     : tr("A command run in the sandbox"));
    m_command->setText(joinArguments(stringsOf(m_draft.value(u"command"_s))));
    m_yoloFlags->setText(joinArguments(stringsOf(m_draft.value(u"yoloFlags"_s))));
    QStringList environment;
    const QJsonObject envObject = m_draft.value(u"environment"_s).toObject();
    for (auto it = envObject.begin(); it != envObject.end(); ++it)
        environment.append(it.key() + u'=' + it.value().toString());
    m_environment->setPlainText(environment.join(u'\n'));
    m_hosts->setPlainText(stringsOf(m_draft.value(u"requiredHosts"_s)).join(u'\n'));
    const QJsonArray credentials = m_draft.value(u"credentials"_s).toArray();
    m_credentials->setRowCount(int(credentials.size()));
    for (int row = 0; row < credentials.size(); ++row) {
        const QJsonObject binding = credentials[row].toObject();
        const QStringList keys{u"host"_s, u"header"_s, u"format"_s, u"secret"_s, u"placeholderEnv"_s};
        for (int column = 0; column < keys.size(); ++column)
            m_credentials->setItem(row, column, new QTableWidgetItem(binding.value(keys[column]).toString()));
    }
    const QJsonObject attention = m_draft.value(u"attention"_s).toObject();
    m_waiting->setPlainText(stringsOf(attention.value(u"waitingForInput"_s)).join(u'\n'));
    m_done->setPlainText(stringsOf(attention.value(u"done"_s)).join(u'\n'));
    m_loading = false;
}

void TemplatesPage::setReadOnly(bool readOnly)
{
    for (QLineEdit *edit : {m_id, m_name, m_description, m_install, m_command, m_yoloFlags})
        edit->setReadOnly(readOnly);
    for (QPlainTextEdit *edit : {m_environment, m_hosts, m_waiting, m_done, m_json})
        edit->setReadOnly(readOnly);
    m_installKind->setEnabled(!readOnly);
    m_credentials->setEditTriggers(readOnly ? QAbstractItemView::NoEditTriggers
                                            : QAbstractItemView::DoubleClicked |
                                                  QAbstractItemView::EditKeyPressed |
                                                  QAbstractItemView::AnyKeyPressed);
    m_addCredential->setVisible(!readOnly);
    m_removeCredential->setVisible(!readOnly);
    m_revertButton->setVisible(!readOnly);
    m_saveButton->setVisible(!readOnly);
}

void TemplatesPage::setMode(Mode mode)
{
    if (mode == Mode::Json && m_mode == Mode::Form) {
        // Unchanged, the file shows as it is on disk; changed, as the form has it.
        m_loading = true;
        m_json->setPlainText(isModified()
                                 ? QString::fromUtf8(QJsonDocument(m_draft).toJson(QJsonDocument::Indented))
                                 : QString::fromUtf8(m_originalJson));
        m_loading = false;
    } else if (mode == Mode::Form && m_mode == Mode::Json) {
        const QJsonDocument document = QJsonDocument::fromJson(m_json->toPlainText().toUtf8());
        if (!document.isObject())
            return; // the button is disabled then; the problem line says what to fix
        m_draft = document.object();
        fillForm();
    }
    m_mode = mode;
    m_stack->setCurrentIndex(mode == Mode::Form ? 0 : 1);
    const bool editable = !m_json->isReadOnly();
    if (mode == Mode::Form)
        m_modeButton->setText(editable ? tr("Edit as &JSON") : tr("Show as &JSON"));
    else
        m_modeButton->setText(editable ? tr("Edit in a &Form") : tr("Show as a &Form"));
    validate();
}

QByteArray TemplatesPage::currentJson() const
{
    if (m_mode == Mode::Json)
        return m_json->toPlainText().toUtf8();
    return QJsonDocument(m_draft).toJson(QJsonDocument::Indented);
}

void TemplatesPage::validate()
{
    const bool selected = !m_currentId.isEmpty() || !m_currentFile.isEmpty();
    QString problem;
    QList<QTextEdit::ExtraSelection> marks;
    if (selected) {
        const QByteArray json = currentJson();
        const QString origin = m_builtIn ? m_currentId : QFileInfo(m_currentFile).fileName();
        // The same parser that loads templates: what it accepts here, it accepts at start-up.
        if (const auto parsed = AgentTemplate::fromJson(json, origin); !parsed)
            problem = parsed.error().message;
        QJsonParseError syntax;
        (void)QJsonDocument::fromJson(json, &syntax); // only for where the error is
        if (m_mode == Mode::Json && syntax.error != QJsonParseError::NoError) {
            const QTextBlock block =
                m_json->document()->findBlock(int(QString::fromUtf8(json.left(syntax.offset)).size()));
            const int column = int(QString::fromUtf8(json.left(syntax.offset)).size()) - block.position() + 1;
            problem = tr("Line %1, column %2: %3").arg(block.blockNumber() + 1).arg(column).arg(problem);
            QTextEdit::ExtraSelection mark;
            mark.cursor = QTextCursor(block);
            mark.format.setBackground(QColor(0xfd, 0xe2, 0xe2));
            mark.format.setProperty(QTextFormat::FullWidthSelection, true);
            marks.append(mark);
        }
        m_modeButton->setEnabled(m_mode == Mode::Form || syntax.error == QJsonParseError::NoError);
    } else {
        m_modeButton->setEnabled(false);
    }
    m_json->setExtraSelections(marks);

    const bool modified = isModified();
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText,
                     problem.isEmpty() ? palette.color(QPalette::PlaceholderText) : problemColor);
    m_status->setPalette(palette);
    if (!problem.isEmpty())
        m_status->setText(problem);
    else if (modified)
        m_status->setText(tr("Changed; not saved yet."));
    else
        m_status->clear();
    m_saveButton->setEnabled(modified && problem.isEmpty());
    m_revertButton->setEnabled(modified);
}

bool TemplatesPage::save()
{
    validate();
    if (m_builtIn || !m_saveButton->isEnabled())
        return false;
    const auto saved = m_catalog.saveUserTemplateJson(currentJson(), m_currentFile);
    if (!saved) {
        // The file on disk is untouched and the edits stay on screen, to be corrected.
        m_status->setText(saved.error().message);
        QPalette palette = m_status->palette();
        palette.setColor(QPalette::WindowText, problemColor);
        m_status->setPalette(palette);
        return false;
    }
    m_model->refresh();
    selectRow(m_model->rowOfId(saved->id));
    Q_EMIT templatesChanged();
    return true;
}

void TemplatesPage::revert()
{
    loadCurrent();
}

std::optional<QString> TemplatesPage::askForId(const QString &title, const QString &suggestion)
{
    QDialog dialog(this);
    dialog.setObjectName(u"idDialog"_s);
    dialog.setWindowTitle(title);
    auto *id = new QLineEdit(suggestion, &dialog);
    id->setObjectName(u"newId"_s);
    id->selectAll();
    auto *problem = new QLabel(&dialog);
    problem->setObjectName(u"idProblem"_s);
    problem->setWordWrap(true);
    QPalette palette = problem->palette();
    palette.setColor(QPalette::WindowText, problemColor);
    problem->setPalette(palette);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("C&reate"));
    auto *label = new QLabel(tr("The new template's &id (lower-case letters, digits and hyphens):"), &dialog);
    label->setBuddy(id);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(label);
    layout->addWidget(id);
    layout->addWidget(problem);
    layout->addWidget(buttons);
    const auto check = [&] {
        QString message;
        // The id rules are the parser's: ask it about a template with nothing but this id.
        const QJsonObject probe{
            {u"id"_s, id->text()}, {u"name"_s, id->text()}, {u"command"_s, QJsonArray{u"x"_s}}};
        if (const auto parsed = AgentTemplate::fromJsonObject(probe, tr("new")); !parsed)
            message = parsed.error().message;
        else if (m_catalog.find(id->text()))
            message = tr("There is a template \"%1\" already; choose another id.").arg(id->text());
        problem->setText(message);
        buttons->button(QDialogButtonBox::Ok)->setEnabled(message.isEmpty());
    };
    connect(id, &QLineEdit::textChanged, &dialog, check);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    check();
    dialog.resize(dialog.sizeHint().expandedTo(QSize(440, 0)));
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return id->text();
}

bool TemplatesPage::createFrom(QJsonObject object)
{
    const auto saved =
        m_catalog.saveUserTemplateJson(QJsonDocument(object).toJson(QJsonDocument::Indented), QString());
    if (!saved) {
        QMessageBox::warning(this, tr("Cannot Create the Template"), saved.error().message);
        return false;
    }
    m_model->refresh();
    m_preferredMode = Mode::Form;
    selectRow(m_model->rowOfId(saved->id));
    m_name->setFocus();
    m_name->selectAll();
    Q_EMIT templatesChanged();
    return true;
}

void TemplatesPage::createTemplate()
{
    if (!confirmDiscard())
        return;
    QString suggestion = u"my-agent"_s;
    for (int n = 2; m_catalog.find(suggestion); ++n)
        suggestion = u"my-agent-%1"_s.arg(n);
    const auto id = askForId(tr("New Template"), suggestion);
    if (!id)
        return;
    // The program is most often called like the agent: a start the user edits from.
    createFrom({{u"id"_s, *id}, {u"name"_s, *id}, {u"command"_s, QJsonArray{*id}}});
}

void TemplatesPage::duplicateTemplate()
{
    if (!confirmDiscard())
        return;
    QJsonObject copy = m_originalObject; // a user file with everything in it, "x-" keys too
    if (m_builtIn) {
        if (const auto found = m_catalog.find(m_currentId))
            copy = found->toJson();
    }
    if (copy.isEmpty())
        return;
    QString suggestion = m_currentId + u"-copy"_s;
    for (int n = 2; m_catalog.find(suggestion); ++n)
        suggestion = u"%1-copy-%2"_s.arg(m_currentId).arg(n);
    const auto id = askForId(tr("Duplicate Template"), suggestion);
    if (!id)
        return;
    copy.insert(u"id"_s, *id);
    //: The name of a copied template; %1 is the original's name.
    copy.insert(u"name"_s, tr("%1 (Copy)").arg(copy.value(u"name"_s).toString()));
    createFrom(copy);
}

void TemplatesPage::deleteCurrent()
{
    if (m_builtIn || m_currentFile.isEmpty())
        return;
    QMessageBox question(QMessageBox::Question, tr("Delete Template"),
                         tr("Delete the template \"%1\"?").arg(m_title->text()), QMessageBox::Cancel, this);
    question.setInformativeText(
        tr("Its file %1 is deleted. Sandboxes made with it keep their settings.").arg(m_currentFile));
    QPushButton *remove = question.addButton(tr("&Delete"), QMessageBox::DestructiveRole);
    question.setDefaultButton(QMessageBox::Cancel);
    question.exec();
    if (question.clickedButton() != remove)
        return;
    const int row = m_list->currentIndex().row();
    if (const auto removed = m_catalog.removeUserFile(m_currentFile); !removed) {
        QMessageBox::warning(this, tr("Cannot Delete the Template"), removed.error().message);
        return;
    }
    m_model->refresh();
    selectRow(std::min(row, m_model->rowCount() - 1));
    Q_EMIT templatesChanged();
}

void TemplatesPage::setKey(const QString &key, const QJsonValue &value)
{
    if (value.isUndefined())
        m_draft.remove(key);
    else
        m_draft.insert(key, value);
}

void TemplatesPage::writeList(const QString &key, const QStringList &list)
{
    if (stringsOf(m_draft.value(key)) == list)
        return; // as it was, even if it was not a list of strings (the parser then says so)
    setKey(key,
           list.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(QJsonArray::fromStringList(list)));
}

void TemplatesPage::writeAttention(const QString &key, const QStringList &list)
{
    QJsonObject attention = m_draft.value(u"attention"_s).toObject();
    if (stringsOf(attention.value(key)) == list)
        return;
    if (list.isEmpty())
        attention.remove(key);
    else
        attention.insert(key, QJsonArray::fromStringList(list));
    setKey(u"attention"_s, attention.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(attention));
}

void TemplatesPage::writeInstall()
{
    const int kind = m_installKind->currentIndex();
    m_install->setEnabled(kind != 0);
    m_install->setPlaceholderText(kind == 1 ? tr("package[@version]") : tr("A command run in the sandbox"));
    QJsonObject install = m_draft.value(u"install"_s).toObject();
    install.remove(u"npm"_s);
    install.remove(u"command"_s);
    if (kind == 0) {
        setKey(u"install"_s, QJsonValue::Undefined);
        return;
    }
    if (kind == 1)
        install.insert(u"npm"_s, m_install->text().trimmed());
    else
        install.insert(u"command"_s, QJsonArray::fromStringList(QProcess::splitCommand(m_install->text())));
    setKey(u"install"_s, install);
}

void TemplatesPage::writeEnvironment()
{
    QJsonObject environment;
    for (const QString &line : linesOf(m_environment)) {
        const qsizetype equals = line.indexOf(u'=');
        environment.insert(equals < 0 ? line : line.left(equals).trimmed(),
                           equals < 0 ? QString() : line.mid(equals + 1));
    }
    if (m_draft.value(u"environment"_s).toObject() == environment)
        return;
    setKey(u"environment"_s,
           environment.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(environment));
}

void TemplatesPage::writeCredentials()
{
    const QJsonArray before = m_draft.value(u"credentials"_s).toArray();
    QJsonArray credentials;
    const QStringList keys{u"host"_s, u"header"_s, u"format"_s, u"secret"_s, u"placeholderEnv"_s};
    for (int row = 0; row < m_credentials->rowCount(); ++row) {
        QJsonObject binding = before.at(row).toObject(); // keeps the user's "x-" keys of this row
        for (int column = 0; column < keys.size(); ++column) {
            const QTableWidgetItem *item = m_credentials->item(row, column);
            const QString text = item ? item->text().trimmed() : QString();
            if (text.isEmpty() && keys[column] == "placeholderEnv"_L1)
                binding.remove(keys[column]);
            else
                binding.insert(keys[column], text);
        }
        credentials.append(binding);
    }
    if (credentials == before)
        return;
    setKey(u"credentials"_s,
           credentials.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(credentials));
}

void TemplatesPage::addCredential()
{
    m_loading = true;
    const int row = m_credentials->rowCount();
    m_credentials->insertRow(row);
    for (int column = 0; column < m_credentials->columnCount(); ++column)
        m_credentials->setItem(row, column,
                               new QTableWidgetItem(column == 2 ? u"Bearer {secret}"_s : QString()));
    m_loading = false;
    writeCredentials();
    validate();
    m_credentials->setCurrentCell(row, 0);
    m_credentials->editItem(m_credentials->item(row, 0));
}

void TemplatesPage::removeCredential()
{
    const int row = m_credentials->currentRow();
    if (row < 0)
        return;
    m_credentials->removeRow(row);
    QJsonArray credentials = m_draft.value(u"credentials"_s).toArray();
    if (row < credentials.size())
        credentials.removeAt(row); // so the "x-" keys of the rows below stay with their rows
    setKey(u"credentials"_s,
           credentials.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(credentials));
    writeCredentials();
    validate();
}

} // namespace Paddock::App
